import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { waitFor } from '@gym/testing';
import { fileForm } from './support/image-bytes.js';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

const turkishHeader = [
  'Ad',
  'Soyad',
  'Telefon',
  'E-posta',
  'Doğum Tarihi',
  'Cinsiyet',
  'Şube',
  'Paket',
  'Başlangıç Tarihi',
  'Notlar',
];

/** Ten valid rows (dates in both formats, Turkish letters) and five with one problem each. */
function memberRows(): string[][] {
  const good = [
    [
      'İsmail',
      'Işık',
      '0532 100 00 01',
      'ismail@example.com',
      '15.04.1990',
      'Erkek',
      'Merkez',
      'Aylık',
      '2026-01-05',
      'Sabah',
    ],
    ['Ayşe', 'Çelik', '5321000002', '', '1992-02-29', 'Kadın', 'merkez', 'AYLIK', '05.01.2026', ''],
    ['Şükrü', 'Öztürk', '+90 532 100 00 03', '', '', '', '', 'Aylık', '2026-01-06', ''],
    ['Gül', 'Yıldız', '0532 100 00 04', '', '', 'K', 'Merkez', 'Aylık', '6.1.2026', ''],
    ['Ömer', 'Güneş', '0532 100 00 05', '', '', 'E', 'Merkez', 'Aylık', '2026-01-07', ''],
    ['Çağla', 'Ağaoğlu', '0532 100 00 06', '', '', 'Diğer', 'Merkez', 'Aylık', '2026-01-07', ''],
    ['Irmak', 'Doğan', '0532 100 00 07', '', '', '', 'Merkez', 'Aylık', '2026-01-08', ''],
    [
      'Deniz',
      'Kaya',
      '0532 100 00 08',
      '',
      '',
      '',
      'Merkez',
      'Aylık',
      '2026-01-08',
      'Not; noktalı virgül',
    ],
    ['Eren', 'Şahin', '0532 100 00 09', '', '', '', 'Merkez', 'Aylık', '2026-01-09', ''],
    ['Elif', 'Arslan', '0532 100 00 10', '', '', '', 'Merkez', 'Aylık', '2026-01-09', ''],
  ];
  const bad = [
    ['Hatalı', 'Telefon', '0532 12', '', '', '', 'Merkez', 'Aylık', '2026-01-10', ''],
    [
      'Bilinmeyen',
      'Paket',
      '0532 100 00 12',
      '',
      '',
      '',
      'Merkez',
      'Yıllık Altın',
      '2026-01-10',
      '',
    ],
    ['Kötü', 'Tarih', '0532 100 00 13', '', '', '', 'Merkez', 'Aylık', '31.02.2026', ''],
    ['Başka', 'Kişi', '0532 999 99 99', '', '', '', 'Merkez', 'Aylık', '2026-01-10', ''],
    ['', 'Adsız', '0532 100 00 15', '', '', '', 'Merkez', 'Aylık', '2026-01-10', ''],
  ];
  return [...good, ...bad];
}

function csvOf(rows: string[][], delimiter: string): string {
  const quote = (cell: string) => (/[;,"\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n');
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Üyeler');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('member import and export', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
  });
  after(async () => {
    await harness?.close();
  });

  async function gymWithPlan(): Promise<TestTenant> {
    const tenant = await harness.createTenant();
    await harness.dataSource.query(
      'UPDATE membership.branch_replicas SET is_default = true WHERE branch_id = $1',
      [tenant.branchId],
    );
    await harness.createPlan(tenant, { name: 'Aylık' });
    await harness.createMember(tenant, {
      firstName: 'Var',
      lastName: 'Olan',
      phone: '0532 999 99 99',
    });
    return tenant;
  }

  async function importFile(tenant: TestTenant, bytes: Buffer, name: string, language = 'tr') {
    const started = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(bytes, name, 'application/octet-stream'),
      headers: { 'accept-language': language },
    });
    assert.equal(started.status, 202, started.text);
    return waitFor('the import to finish', async () => {
      const job = await harness.request('GET', `/api/v1/members/import/${started.body.id}`, {
        token: tenant.adminToken,
        headers: { 'accept-language': language },
      });
      return job.body.status === 'COMPLETED' && job.body;
    });
  }

  function assertFiveRejections(job: any) {
    assert.equal(job.totalRows, 15);
    assert.equal(job.processedRows, 15);
    assert.equal(job.createdCount, 10, JSON.stringify(job.rejectedRows));
    assert.equal(job.rejectedCount, 5);
    assert.deepEqual(
      job.rejectedRows.map((row: { row: number; code: string }) => [row.row, row.code]),
      [
        [12, 'INVALID_PHONE'],
        [13, 'UNKNOWN_PLAN'],
        [14, 'INVALID_DATE'],
        [15, 'PHONE_TAKEN'],
        [16, 'MISSING_FIELD'],
      ],
    );
  }

  it('CSV in Windows-1254 with semicolons imports 10 and reports 5', async () => {
    const tenant = await gymWithPlan();
    const bytes = iconv.encode(csvOf([turkishHeader, ...memberRows()], ';'), 'win1254');

    const job = await importFile(tenant, bytes, 'uyeler.csv');

    assertFiveRejections(job);
    assert.equal(job.format, 'csv');
    assert.match(job.rejectedRows[1].message, /Paket bulunamadı.*Yıllık Altın/);
    const found = await harness.request('GET', '/api/v1/members?search=ismail', {
      token: tenant.staffToken,
    });
    assert.equal(found.body.meta.total, 1);
    assert.equal(found.body.data[0].lastName, 'Işık');
    assert.equal(found.body.data[0].birthDate, '1990-04-15');
    assert.equal(found.body.data[0].gender, 'MALE');
    const notes = await harness.request('GET', '/api/v1/members?search=deniz', {
      token: tenant.staffToken,
    });
    assert.equal(notes.body.data[0].notes, 'Not; noktalı virgül');
  });

  it('XLSX of the same content behaves the same', async () => {
    const tenant = await gymWithPlan();

    const job = await importFile(
      tenant,
      await xlsxOf([turkishHeader, ...memberRows()]),
      'uyeler.xlsx',
    );

    assertFiveRejections(job);
    assert.equal(job.format, 'xlsx');
  });

  it('UTF-8 with BOM, commas and English headers imports', async () => {
    const tenant = await gymWithPlan();
    const header = ['lastName', 'firstName', 'phone', 'plan', 'membershipStartDate', 'branch'];
    const rows = [['Yılmaz', 'Ayşe', '0533 200 00 01', 'Aylık', '01.02.2026', 'Merkez']];
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(csvOf([header, ...rows], ','), 'utf8'),
    ]);

    const job = await importFile(tenant, bytes, 'members.csv', 'en');

    assert.equal(job.createdCount, 1, JSON.stringify(job));
    const found = await harness.request('GET', '/api/v1/members?search=yilmaz', {
      token: tenant.staffToken,
    });
    assert.equal(found.body.data[0].firstName, 'Ayşe');
    assert.equal(found.body.data[0].membershipStartDate, '2026-02-01');
  });

  it('re-importing the same file creates no duplicates', async () => {
    const tenant = await gymWithPlan();
    const bytes = Buffer.from(csvOf([turkishHeader, ...memberRows()], ';'), 'utf8');
    await importFile(tenant, bytes, 'uyeler.csv');

    const again = await importFile(tenant, bytes, 'uyeler.csv');

    assert.equal(again.createdCount, 0);
    assert.equal(again.skippedCount, 10);
    assert.equal(again.rejectedCount, 5);
    const all = await harness.request('GET', '/api/v1/members?limit=100', {
      token: tenant.staffToken,
    });
    assert.equal(all.body.meta.total, 11);
  });

  it('duplicate phone within a file is rejected once', async () => {
    const tenant = await gymWithPlan();
    const rows = [
      ['Ali', 'Bir', '0533 300 00 01', '', '', '', 'Merkez', 'Aylık', '2026-01-01', ''],
      ['Veli', 'İki', '5333000001', '', '', '', 'Merkez', 'Aylık', '2026-01-01', ''],
    ];

    const job = await importFile(
      tenant,
      Buffer.from(csvOf([turkishHeader, ...rows], ';')),
      'a.csv',
      'en',
    );

    assert.equal(job.createdCount, 1);
    assert.deepEqual(
      job.rejectedRows.map((row: { code: string }) => row.code),
      ['DUPLICATE_IN_FILE'],
    );
    assert.match(job.rejectedRows[0].message, /appears earlier in the file/);
  });

  it('file without required columns is rejected at upload', async () => {
    const tenant = await gymWithPlan();

    const response = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(Buffer.from('Ad;Soyad\nAli;Kaya'), 'eksik.csv', 'text/csv'),
      headers: { 'accept-language': 'en' },
    });

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'IMPORT_COLUMNS_MISSING');
    assert.match(response.body.message, /phone, plan, membershipStartDate/);
  });

  it('upload problems answer the error contract', async () => {
    const tenant = await gymWithPlan();
    const empty = new FormData();
    empty.append('other', 'x');

    const missing = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: empty,
    });
    const brokenXlsx = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
        'x.xlsx',
        'application/octet-stream',
      ),
    });
    const tooLarge = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv', 'text/csv'),
    });

    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.code, 'IMPORT_FILE_MISSING');
    assert.equal(brokenXlsx.status, 400, brokenXlsx.text);
    assert.equal(brokenXlsx.body.code, 'IMPORT_FILE_UNREADABLE');
    assert.equal(tooLarge.status, 413, tooLarge.text);
    assert.equal(tooLarge.body.code, 'IMPORT_FILE_TOO_LARGE');
  });

  it('file over 10,000 rows is rejected', async () => {
    const tenant = await gymWithPlan();
    const rows = Array.from({ length: 10_001 }, (_, index) => [
      'Ad',
      `Soyad${index}`,
      '0532 100 00 01',
      '',
      '',
      '',
      'Merkez',
      'Aylık',
      '2026-01-01',
      '',
    ]);

    const response = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.adminToken,
      form: fileForm(Buffer.from(csvOf([turkishHeader, ...rows], ';')), 'big.csv', 'text/csv'),
    });

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'IMPORT_TOO_MANY_ROWS');
  });

  it('STAFF gets 403 on import and export', async () => {
    const tenant = await gymWithPlan();

    const upload = await harness.request('POST', '/api/v1/members/import', {
      token: tenant.staffToken,
      form: fileForm(Buffer.from('Ad'), 'a.csv', 'text/csv'),
    });
    const download = await harness.request('GET', '/api/v1/members/export', {
      token: tenant.staffToken,
    });

    assert.equal(upload.status, 403);
    assert.equal(upload.body.code, 'FORBIDDEN_ROLE');
    assert.equal(download.status, 403);
  });

  it("another tenant's import job answers 404", async () => {
    const tenant = await gymWithPlan();
    const job = await importFile(
      tenant,
      Buffer.from(csvOf([turkishHeader, ...memberRows().slice(0, 1)], ';')),
      'a.csv',
    );
    const intruder = await harness.createTenant();

    const response = await harness.request('GET', `/api/v1/members/import/${job.id}`, {
      token: intruder.adminToken,
    });

    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'NOT_FOUND');
  });

  it('CSV export writes Turkish headers by default', async () => {
    const tenant = await gymWithPlan();
    await harness.createMember(tenant, {
      firstName: 'Işıl',
      lastName: 'Şen',
      phone: '0534 111 22 33',
    });

    const response = await harness.request('GET', '/api/v1/members/export?format=csv&search=isil', {
      token: tenant.adminToken,
    });

    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(
      lines[0],
      'Ad;Soyad;Telefon;E-posta;Doğum Tarihi;Cinsiyet;Şube;Paket;Başlangıç Tarihi;Notlar;Bitiş Tarihi;Durum',
    );
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^Işıl;Şen;\+905341112233;;;;Merkez;/);
  });

  it('English export uses English headers and commas', async () => {
    const tenant = await gymWithPlan();

    const response = await harness.request('GET', '/api/v1/members/export', {
      token: tenant.adminToken,
      headers: { 'accept-language': 'en' },
    });

    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(
      lines[0],
      'firstName,lastName,phone,email,birthDate,gender,branch,plan,membershipStartDate,notes,membershipEndDate,status',
    );
    assert.equal(lines.length, 2, 'the one existing member');
  });

  it('XLSX export reads back with the same rows', async () => {
    const tenant = await gymWithPlan();
    for (let index = 0; index < 3; index += 1) {
      await harness.createMember(tenant, { firstName: `Üye${index}` });
    }

    const response = await fetch(`${harness.baseUrl}/api/v1/members/export?format=xlsx&sort=name`, {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;

    assert.equal(response.status, 200);
    assert.equal(sheet.getRow(1).getCell(1).value, 'Ad');
    assert.equal(sheet.rowCount, 5);
    assert.deepEqual(
      [2, 3, 4, 5].map((row) => sheet.getRow(row).getCell(1).value),
      ['Üye0', 'Üye1', 'Üye2', 'Var'],
    );
  });

  it('export with no matching member writes only the headers', async () => {
    const tenant = await gymWithPlan();

    const response = await harness.request(
      'GET',
      '/api/v1/members/export?format=csv&search=nobody-matches',
      { token: tenant.adminToken },
    );

    assert.equal(response.status, 200, response.text);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(lines.length, 1, 'the header line alone');
  });

  it('a client leaving a large export early leaves the service answering', async () => {
    const tenant = await gymWithPlan();
    const [plan] = await harness.dataSource.query(
      'SELECT id FROM membership.plans WHERE tenant_id = $1 LIMIT 1',
      [tenant.tenantId],
    );
    await harness.dataSource.query(
      `INSERT INTO membership.members (tenant_id, branch_id, plan_id, first_name, last_name, phone,
         membership_start_date, membership_end_date, status, search_text)
       SELECT $1, $2, $3, 'Ad' || i, repeat('Soyad', 15), '+90533' || lpad(i::text, 7, '0'),
         '2026-01-01', '2026-12-31', 'ACTIVE', 'ad' || i
       FROM generate_series(1, 3000) AS i`,
      [tenant.tenantId, tenant.branchId, plan.id],
    );

    const controller = new AbortController();
    const download = await fetch(`${harness.baseUrl}/api/v1/members/export?format=csv`, {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
      signal: controller.signal,
    });
    assert.equal(download.status, 200);
    const reader = download.body!.getReader();
    await reader.read();
    controller.abort();

    const next = await harness.request('GET', '/api/v1/members?limit=1', {
      token: tenant.adminToken,
    });
    assert.equal(next.status, 200, next.text);
    assert.equal(next.body.meta.total, 3001);
  });

  it('export rejects an unknown format', async () => {
    const tenant = await gymWithPlan();

    const response = await harness.request('GET', '/api/v1/members/export?format=pdf', {
      token: tenant.adminToken,
    });

    assert.equal(response.status, 400);
    assert.equal(response.body.errors[0].field, 'format');
  });
});
