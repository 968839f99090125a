const firstNames = [
  'Ayşe',
  'Mehmet',
  'Zeynep',
  'Mustafa',
  'Elif',
  'Ahmet',
  'Şule',
  'Çağrı',
  'Gül',
  'İsmail',
];
const lastNames = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Öztürk',
  'Aydın',
  'Arslan',
  'Doğan',
  'Işık',
];

/**
 * A Turkish-header CSV of `rows` members of one branch and plan, each with a phone no other
 * batch uses: batch `batch` takes the mobile numbers 0532 <batch><6 digits>.
 */
export function memberCsv(
  rows: number,
  batch: number,
  branch: string,
  plan: string,
  startDate: string,
): string {
  const lines = ['Ad;Soyad;Telefon;Şube;Paket;Başlangıç Tarihi'];
  for (let row = 0; row < rows; row += 1) {
    const phone = `0532${String(batch)}${String(row).padStart(6, '0')}`;
    const first = firstNames[row % firstNames.length]!;
    const last = lastNames[Math.floor(row / firstNames.length) % lastNames.length]!;
    lines.push(`${first};${last};${phone};${branch};${plan};${startDate}`);
  }
  return lines.join('\r\n');
}
