/** A mail as the test SMTP server received it. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), so Bcc recipients are listed too. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  /** Plain-text body; mailparser derives it from the HTML part when the mail has no text part. */
  text: string;
  html?: string;
}
