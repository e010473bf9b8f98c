// The smaller services: locks, property stores, triggers, Drive, mail, the UI and HtmlService.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, type LocalRuntime, type RuntimeOptions } from '../../local/runtime';
import { fakeBundle, tempDir } from './fake-bundle';

async function runtime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  return createRuntime({ loadBundle: false, ...options });
}

function services(rt: LocalRuntime) {
  const g = rt.globals;
  return {
    locks: g.LockService as GoogleAppsScript.Lock.LockService,
    properties: g.PropertiesService as GoogleAppsScript.Properties.PropertiesService,
    script: g.ScriptApp as GoogleAppsScript.Script.ScriptApp,
    drive: g.DriveApp as GoogleAppsScript.Drive.DriveApp,
    mail: g.MailApp as GoogleAppsScript.Mail.MailApp,
    utilities: g.Utilities as GoogleAppsScript.Utilities.Utilities,
    ui: (g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getUi(),
    html: g.HtmlService as GoogleAppsScript.HTML.HtmlService,
    session: g.Session as GoogleAppsScript.Base.Session,
  };
}

describe('LockService', () => {
  test('a lock that is not released makes the next tryLock fail and waitLock throw', async () => {
    const rt = await runtime({ clock: () => 1_000 });
    const { locks } = services(rt);
    const first = locks.getDocumentLock();
    expect(first.tryLock(1000)).toBe(true);
    expect(first.hasLock()).toBe(true);

    const second = locks.getDocumentLock();
    expect(second.tryLock(5000)).toBe(false);
    expect(() => second.waitLock(5000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(rt.now()).toBe(11_000); // the failed waits took their time
    expect(locks.getScriptLock().tryLock(0)).toBe(true); // other locks are separate
    expect(rt.lockState().document.held).toBe(true);

    first.releaseLock();
    expect(second.tryLock(0)).toBe(true);
    second.releaseLock();
    expect(rt.lockState().document).toEqual({ held: false, by: null });
  });

  test('lockState names the call that took a lock and left it held', async () => {
    const dir = fakeBundle('function leaky(){ LockService.getDocumentLock().waitLock(1000); }');
    const rt = await createRuntime({ bundleDir: dir });
    rt.call('leaky');
    expect(rt.lockState().document).toEqual({ held: true, by: 'leaky' });
    expect(() => rt.call('leaky')).toThrow(/Lock timeout/);
    rt.releaseLocks();
    expect(() => rt.call('leaky')).not.toThrow();
  });
});

describe('PropertiesService', () => {
  test(
    'document, script and user properties are separate stores, ' + 'persisted in the workbook',
    async () => {
      const path = join(tempDir(), 'props.xlsx');
      const first = await runtime({ workbookPath: path });
      const { properties } = services(first);
      properties.getDocumentProperties().setProperty('scheme', '{"v":1}');
      properties.getScriptProperties().setProperties({ a: '1', b: '2' });
      properties.getUserProperties().setProperty('seen', 'yes');
      properties.getScriptProperties().setProperties({ c: '3' }, true);
      expect(properties.getDocumentProperties().getKeys()).toEqual(['scheme']);
      expect(properties.getScriptProperties().getProperties()).toEqual({ c: '3' });
      expect(properties.getUserProperties().getProperty('scheme')).toBeNull();
      await first.save();

      const second = await runtime({ workbookPath: path });
      const again = services(second).properties;
      expect(again.getDocumentProperties().getProperty('scheme')).toBe('{"v":1}');
      expect(again.getScriptProperties().getProperties()).toEqual({ c: '3' });
      expect(again.getUserProperties().getProperty('seen')).toBe('yes');
      again.getUserProperties().deleteAllProperties();
      expect(again.getUserProperties().getKeys()).toEqual([]);
    },
  );

  test('values over 9 kB are refused, as Apps Script does', async () => {
    const { properties } = services(await runtime());
    expect(() =>
      properties.getDocumentProperties().setProperty('big', 'x'.repeat(9 * 1024 + 1)),
    ).toThrow(/too large/);
  });
});

describe('ScriptApp triggers', () => {
  test('triggers are persisted with the workbook and can be deleted', async () => {
    const path = join(tempDir(), 'triggers.xlsx');
    const first = await runtime({ workbookPath: path });
    const { script } = services(first);
    const daily = script.newTrigger('sendReminders').timeBased().everyDays(1).atHour(7).create();
    script
      .newTrigger('checkEdit')
      .forSpreadsheet(SpreadsheetAppOf(first).getActive())
      .onEdit()
      .create();
    expect(String(daily.getEventType())).toBe('CLOCK');
    await first.save();

    const second = await runtime({ workbookPath: path });
    const again = services(second).script;
    const triggers = again.getProjectTriggers();
    expect(
      triggers.map((t) => [
        t.getHandlerFunction(),
        String(t.getEventType()),
        String(t.getTriggerSource()),
      ]),
    ).toEqual([
      ['sendReminders', 'CLOCK', 'CLOCK'],
      ['checkEdit', 'ON_EDIT', 'SPREADSHEETS'],
    ]);
    expect(triggers[0]!.getUniqueId()).toBe(daily.getUniqueId());
    expect(second.workbook.triggers[0]!.schedule).toEqual({ everyDays: 1, atHour: 7 });
    again.deleteTrigger(triggers[0]!);
    expect(again.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['checkEdit']);
  });

  test('an editor add-on gets one trigger of each type per document, at most hourly', async () => {
    const { script } = services(await runtime());
    script.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
    expect(() => script.newTrigger('weekly').timeBased().everyWeeks(1).create()).toThrow(
      /only one trigger of each type/,
    );
    expect(() => script.newTrigger('often').timeBased().everyMinutes(5).create()).toThrow(
      /at most once per hour/,
    );

    const plain = services(await runtime({ addonTriggerRules: false })).script;
    plain.newTrigger('a').timeBased().everyDays(1).create();
    plain.newTrigger('b').timeBased().everyMinutes(5).create();
    expect(plain.getProjectTriggers()).toHaveLength(2);
  });
});

function SpreadsheetAppOf(rt: LocalRuntime): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

describe('DriveApp', () => {
  test(
    'an unknown or unpicked file id gives Drive’s error; ' + 'picked and created files work',
    async () => {
      const dir = tempDir();
      const rt = await runtime({ driveDir: dir, clock: () => Date.UTC(2024, 4, 1) });
      const { drive, utilities } = services(rt);
      expect(() => drive.getFileById('nope')).toThrow(
        'No item with the given ID could be found. Possibly because you have not edited ' +
          'this item or you do not have permission to access it.',
      );
      const hidden = rt.drive.addFile({ name: 'secret.pdf', accessible: false });
      expect(() => drive.getFileById(hidden)).toThrow(/No item with the given ID/);
      const quote = rt.drive.addFile({
        name: 'Quote.pdf',
        mimeType: 'application/pdf',
        content: 'pdf',
        lastUpdated: new Date(Date.UTC(2024, 0, 2)),
      });
      const file = drive.getFileById(quote);
      expect([file.getName(), file.getMimeType(), file.getBlob().getDataAsString()]).toEqual([
        'Quote.pdf',
        'application/pdf',
        'pdf',
      ]);
      expect(file.getLastUpdated().toISOString()).toBe('2024-01-02T00:00:00.000Z');
      expect(file.getUrl()).toContain(quote);

      const folder = drive.createFolder('Deal Desk quotes');
      const created = folder.createFile(utilities.newBlob('hello', 'text/plain', 'note.txt'));
      expect(drive.getFolderById(folder.getId()).getFilesByName('note.txt').next().getId()).toBe(
        created.getId(),
      );
      const iterator = drive.getFoldersByName('Deal Desk quotes');
      expect(iterator.next().getName()).toBe('Deal Desk quotes');
      expect(iterator.hasNext()).toBe(false);
      expect(() => iterator.next()).toThrow(/iterator has reached the end/);
      file.moveTo(folder);
      expect(file.getParents().next().getId()).toBe(folder.getId());

      const reopened = await runtime({ driveDir: dir });
      expect(
        services(reopened).drive.getFileById(created.getId()).getBlob().getDataAsString(),
      ).toBe('hello');
      expect(existsSync(join(dir, 'index.json'))).toBe(true);
    },
  );
});

describe('MailApp', () => {
  test(
    'messages go to the outbox (and its folder); ' + 'the daily recipient quota runs out',
    async () => {
      const dir = tempDir();
      const rt = await runtime({ outboxDir: dir, dailyMailQuota: 3 });
      const { mail } = services(rt);
      expect(mail.getRemainingDailyQuota()).toBe(3);
      mail.sendEmail('a@example.com', 'Renewal: Acme', 'Body', {
        cc: 'b@example.com',
        name: 'Deal Desk',
      });
      expect(mail.getRemainingDailyQuota()).toBe(1);
      mail.sendEmail({ to: 'c@example.com', subject: 'Digest', body: 'x', htmlBody: '<p>x</p>' });
      expect(() => mail.sendEmail('d@example.com', 'Too many', 'x')).toThrow(
        'Service invoked too many times for one day: email.',
      );
      expect(rt.outbox.map((m) => [m.to, m.cc, m.subject])).toEqual([
        [['a@example.com'], ['b@example.com'], 'Renewal: Acme'],
        [['c@example.com'], [], 'Digest'],
      ]);
      expect(readdirSync(dir).sort()).toEqual([
        '0001-Renewal-Acme.eml',
        '0001-Renewal-Acme.json',
        '0002-Digest.eml',
        '0002-Digest.json',
      ]);
      expect(readFileSync(join(dir, '0001-Renewal-Acme.eml'), 'utf8')).toContain(
        'Subject: Renewal: Acme',
      );
    },
  );

  test('bad addresses and missing recipients are refused', async () => {
    const { mail } = services(await runtime());
    expect(() => mail.sendEmail('not an email', 's', 'b')).toThrow('Invalid email: not an email');
    expect(() => mail.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow(
      'Failed to send email: no recipient',
    );
  });
});

describe('Ui and HtmlService', () => {
  test('menus, alerts, prompts, toasts, dialogs and sidebars are recorded', async () => {
    const bundle = fakeBundle('', { 'sidebar.html': '<p>Hi</p>' });
    const rt = await createRuntime({ bundleDir: bundle });
    const { ui, html } = services(rt);
    ui.createAddonMenu()
      .addItem('Set up', 'setUp')
      .addSeparator()
      .addSubMenu(ui.createMenu('More').addItem('Help', 'help'))
      .addToUi();
    expect(rt.ui.menus).toEqual([
      {
        title: 'Deal Desk',
        items: [
          { caption: 'Set up', functionName: 'setUp' },
          { caption: '-', functionName: '' },
          { caption: 'More > Help', functionName: 'help' },
        ],
      },
    ]);

    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    rt.ui.replies.push({ button: 'NO' });
    expect(ui.alert('Delete?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Again?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(rt.ui.alerts).toEqual(['Saved', 'Delete?\nReally?', 'Again?\nReally?']);
    const dismissed = ui.prompt('Name?');
    expect([dismissed.getResponseText(), dismissed.getSelectedButton()]).toEqual([
      '',
      ui.Button.CANCEL,
    ]);

    SpreadsheetAppOf(rt).getActive().toast('Done', 'Deal Desk', 5);
    expect(rt.ui.toasts).toEqual([{ message: 'Done', title: 'Deal Desk' }]);

    ui.showSidebar(html.createHtmlOutputFromFile('sidebar').setTitle('Deal form'));
    ui.showModalDialog(html.createHtmlOutput('<b>x</b>').setWidth(400).setHeight(200), 'Import');
    expect(rt.ui.sidebars).toEqual([
      { title: 'Deal form', html: '<p>Hi</p>', file: 'sidebar.html' },
    ]);
    expect(rt.ui.dialogs).toEqual([
      { title: 'Import', html: '<b>x</b>', width: 400, height: 200, modal: true },
    ]);
    expect(() => html.createHtmlOutputFromFile('missing')).toThrow(
      'No HTML file named missing was found.',
    );
  });

  test('Session gives the configured user and script time zone', async () => {
    const { session } = services(
      await runtime({ userEmail: 'fran@example.com', scriptTimeZone: 'Europe/London' }),
    );
    expect(session.getActiveUser().getEmail()).toBe('fran@example.com');
    expect(session.getScriptTimeZone()).toBe('Europe/London');
    expect(session.getTemporaryActiveUserKey()).toMatch(/^[\w-]{20,}$/);
  });

  test('Utilities: blobs with signed bytes, base64, digests, uuids', async () => {
    const { utilities } = services(await runtime());
    const blob = utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect(blob.getBytes().slice(0, 3)).toEqual([104, -61, -87]);
    expect(utilities.base64Encode('héllo')).toBe(Buffer.from('héllo').toString('base64'));
    expect(
      utilities.newBlob(utilities.base64Decode(utilities.base64Encode('héllo'))).getDataAsString(),
    ).toBe('héllo');
    expect(utilities.computeDigest(utilities.DigestAlgorithm.MD5, 'abc')).toHaveLength(16);
    expect(utilities.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
