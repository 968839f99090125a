/** Given names and surnames common in Turkey, spelled with Turkish letters. */
export const femaleNames = words(`
  Ayşe Fatma Zeynep Elif Işıl Gülşen Şule Özge Büşra Merve Çiğdem Dilek Ebru Nur Sıla İpek Gözde
  Şeyma Tuğba Ülkü Yağmur Ece Defne Esra Hülya Sevgi Pınar Aslı Başak Gökçe İrem Melis Öykü Damla
  Nilüfer Çağla`);

export const maleNames = words(`
  Şükrü Mehmet Mustafa Ahmet Çağrı İsmail Oğuz Gökhan Barış Burak Emre Kağan Onur Özgür Ümit Uğur
  Tolga Serkan Volkan Hakan İlker Doğan Cem Can Ali Hüseyin Eren Yiğit Berk Kerem Ertuğrul Tuğrul
  Şahin Çetin Erdem Sinan`);

export const surnames = words(`
  Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
  Çetin Kara Koç Kurt Özkan Şimşek Polat Özer Çağlayan Güneş Erdoğan Aktaş Güler Işık Bulut Keskin
  Ünal Uçar Tekin Akgül Sönmez Gündüz Çakır Karagöz Ekşi Türkmen Bozkurt Ağaoğlu Gümüş Korkmaz
  Eryılmaz Düzgün İnce Öner`);

/** Free-text notes a front desk writes; most members have none. */
export const memberNotes = [
  'Bel fıtığı var, ağır kaldırmasın',
  'Sabahları geliyor',
  'Arkadaş tavsiyesiyle geldi',
  'Kurumsal indirim',
  'Diz sakatlığı; doktor raporu getirecek',
  'Kişisel antrenör istiyor',
  'Havuz saatlerini sordu',
  'Öğrenci belgesi görüldü',
] as const;

const asciiLetters: Record<string, string> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u' };

/** The local part of an email address made from a Turkish name: `Işıl` → `isil`. */
export function emailLocalPart(name: string): string {
  return name
    .toLocaleLowerCase('tr-TR')
    .replace(/[çğıöşü]/g, (letter) => asciiLetters[letter] ?? letter)
    .replace(/[^a-z0-9]/g, '');
}

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}
