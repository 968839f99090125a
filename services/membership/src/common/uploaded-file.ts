/** The part of a multer file the upload routes read. */
export interface UploadedFileContent {
  originalname: string;
  buffer: Buffer;
  size: number;
}
