// DriveApp over a small local Drive: files and folders in memory, mirrored to a folder on disk
// (index.json + one file per content) when the runtime is given one. Access follows the
// add-on's drive.file scope: files it created or the user picked are visible, others are not.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDate, type RuntimeContext } from './context';
import type { Local } from './gas-types';
import { LocalUser } from './services';
import { LocalBlob, toBuffer } from './utilities';

export const NO_SUCH_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item ' +
  'or you do not have permission to access it.';
const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** A Drive item as stored. Times are ms since the epoch. */
export interface DriveEntry {
  id: string;
  kind: 'file' | 'folder';
  name: string;
  mimeType: string;
  description: string | null;
  owner: string;
  created: number;
  updated: number;
  /** Whether the add-on may see it (drive.file: it created it, or the user picked it). */
  accessible: boolean;
  trashed: boolean;
  parents: string[];
}

/** A file put in Drive by someone else (or by the user, outside the add-on). */
export interface DriveFileInit {
  id?: string;
  name: string;
  mimeType?: string;
  content?: string | Uint8Array;
  description?: string;
  owner?: string;
  created?: Date | number;
  lastUpdated?: Date | number;
  /** False for a file the add-on may not open (not picked by the user); default true. */
  accessible?: boolean;
  folderId?: string;
}

function newDriveId(): string {
  return `1${randomBytes(30).toString('base64url').slice(0, 32)}`;
}

function ms(value: Date | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return isDate(value) ? value.getTime() : value;
}

/** The local Drive: what tests seed and inspect. */
export class DriveStore {
  readonly entries = new Map<string, DriveEntry>();
  private readonly contents = new Map<string, Buffer>();
  rootId: string;

  constructor(
    private readonly now: () => number,
    private readonly userEmail: string,
    private readonly dir?: string,
  ) {
    this.rootId = newDriveId();
    if (dir && existsSync(join(dir, 'index.json'))) this.load(dir);
    else
      this.put({
        id: this.rootId,
        kind: 'folder',
        name: 'My Drive',
        mimeType: FOLDER_MIME,
        parents: [],
      });
  }

  private put(
    partial: Pick<DriveEntry, 'id' | 'kind' | 'name' | 'mimeType' | 'parents'> &
      Partial<DriveEntry>,
  ): DriveEntry {
    const time = this.now();
    const entry: DriveEntry = {
      description: null,
      owner: this.userEmail,
      created: time,
      updated: time,
      accessible: true,
      trashed: false,
      ...partial,
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** Adds a file as if someone put it in Drive; returns its id. */
  addFile(init: DriveFileInit): string {
    const created = ms(init.created, this.now());
    const entry = this.put({
      id: init.id ?? newDriveId(),
      kind: 'file',
      name: init.name,
      mimeType: init.mimeType ?? 'application/octet-stream',
      description: init.description ?? null,
      owner: init.owner ?? 'someone.else@example.com',
      created,
      updated: ms(init.lastUpdated, created),
      accessible: init.accessible ?? true,
      parents: [init.folderId ?? this.rootId],
    });
    this.contents.set(entry.id, toBuffer(init.content ?? ''));
    this.persist();
    return entry.id;
  }

  /** Creates a file the add-on made (always accessible to it). */
  createFile(name: string, content: Buffer, mimeType: string, folderId = this.rootId): DriveEntry {
    const entry = this.put({ id: newDriveId(), kind: 'file', name, mimeType, parents: [folderId] });
    this.contents.set(entry.id, content);
    this.persist();
    return entry;
  }

  /** Creates a folder. */
  createFolder(name: string, parentId = this.rootId): DriveEntry {
    const entry = this.put({
      id: newDriveId(),
      kind: 'folder',
      name,
      mimeType: FOLDER_MIME,
      parents: [parentId],
    });
    this.persist();
    return entry;
  }

  /** Lets the add-on open a file, as picking it in the Google Picker does. */
  grant(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.accessible = true;
    this.persist();
  }

  /** The entry the add-on may see, or undefined. */
  visible(id: string, kind: DriveEntry['kind']): DriveEntry | undefined {
    const entry = this.entries.get(id);
    return entry && entry.kind === kind && entry.accessible ? entry : undefined;
  }

  content(id: string): Buffer {
    return this.contents.get(id) ?? Buffer.alloc(0);
  }

  /** Changes an entry (and its content) and marks it updated. */
  update(entry: DriveEntry, change: Partial<DriveEntry>, content?: Buffer): void {
    Object.assign(entry, change, { updated: this.now() });
    if (content) this.contents.set(entry.id, content);
    this.persist();
  }

  /** Writes index.json and contents to the Drive folder, if there is one. */
  persist(): void {
    if (!this.dir) return;
    mkdirSync(join(this.dir, 'files'), { recursive: true });
    for (const [id, content] of this.contents) writeFileSync(join(this.dir, 'files', id), content);
    const index = join(this.dir, 'index.json');
    writeFileSync(
      `${index}.tmp`,
      JSON.stringify({ rootId: this.rootId, entries: [...this.entries.values()] }, null, 2),
    );
    renameSync(`${index}.tmp`, index);
  }

  private load(dir: string): void {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      rootId: string;
      entries: DriveEntry[];
    };
    this.rootId = index.rootId;
    for (const entry of index.entries) {
      this.entries.set(entry.id, entry);
      const path = join(dir, 'files', entry.id);
      if (entry.kind === 'file' && existsSync(path))
        this.contents.set(entry.id, readFileSync(path));
    }
  }
}

/** What the Drive classes share. */
interface DriveEnv {
  ctx: RuntimeContext;
  store: DriveStore;
}

function blobOf(env: DriveEnv, source: unknown): LocalBlob {
  const blob = source as { getBlob?: () => unknown } | undefined;
  const candidate = typeof blob?.getBlob === 'function' ? blob.getBlob() : source;
  if (!(candidate instanceof LocalBlob)) throw env.ctx.error('Invalid argument: blob');
  return candidate;
}

function createIn(env: DriveEnv, folderId: string, args: unknown[]): LocalFile {
  const [first, content, mimeType] = args;
  if (typeof first === 'string') {
    const entry = env.store.createFile(
      first,
      toBuffer(content ?? ''),
      String(mimeType ?? 'text/plain'),
      folderId,
    );
    return new LocalFile(env, entry);
  }
  const blob = blobOf(env, first);
  const name = blob.name ?? 'Untitled';
  const entry = env.store.createFile(
    name,
    Buffer.from(blob.bytes),
    blob.contentType ?? 'application/octet-stream',
    folderId,
  );
  return new LocalFile(env, entry);
}

function childrenOf(
  env: DriveEnv,
  folderId: string | null,
  kind: DriveEntry['kind'],
  name?: string,
): DriveEntry[] {
  return [...env.store.entries.values()].filter(
    (entry) =>
      entry.kind === kind &&
      entry.accessible &&
      !entry.trashed &&
      entry.id !== env.store.rootId &&
      (folderId === null || entry.parents.includes(folderId)) &&
      (name === undefined || entry.name === name),
  );
}

type FileMethods =
  | 'getBlob'
  | 'getDateCreated'
  | 'getDescription'
  | 'getId'
  | 'getLastUpdated'
  | 'getMimeType'
  | 'getName'
  | 'getParents'
  | 'getSize'
  | 'getUrl'
  | 'isTrashed'
  | 'moveTo'
  | 'setDescription'
  | 'setName'
  | 'setTrashed'
  | 'getOwner';

/** What Drive files and folders share: an id, a name, a change time, the trash. */
abstract class LocalDriveItem {
  constructor(
    protected readonly env: DriveEnv,
    readonly entry: DriveEntry,
    private readonly kind: 'File' | 'Folder',
  ) {}

  protected hit(method: string): void {
    this.env.ctx.hit('Drive', `${this.kind}.${method}`);
  }

  getId(): string {
    this.hit('getId');
    return this.entry.id;
  }

  getName(): string {
    this.hit('getName');
    return this.entry.name;
  }

  setName(name: string): this {
    this.hit('setName');
    this.env.store.update(this.entry, { name: String(name) });
    return this;
  }

  getLastUpdated(): Date {
    this.hit('getLastUpdated');
    return this.env.ctx.date(this.entry.updated);
  }

  isTrashed(): boolean {
    this.hit('isTrashed');
    return this.entry.trashed;
  }
}

/** A Drive File. */
export class LocalFile
  extends LocalDriveItem
  implements Local<GoogleAppsScript.Drive.File, FileMethods>
{
  constructor(env: DriveEnv, entry: DriveEntry) {
    super(env, entry, 'File');
  }

  getUrl(): string {
    this.hit('getUrl');
    return `https://drive.google.com/file/d/${this.entry.id}/view?usp=drivesdk`;
  }

  getMimeType(): string {
    this.hit('getMimeType');
    return this.entry.mimeType;
  }

  getDateCreated(): Date {
    this.hit('getDateCreated');
    return this.env.ctx.date(this.entry.created);
  }

  getDescription(): string | null {
    this.hit('getDescription');
    return this.entry.description;
  }

  setDescription(description: string): this {
    this.hit('setDescription');
    this.env.store.update(this.entry, { description: String(description) });
    return this;
  }

  getSize(): number {
    this.hit('getSize');
    return this.env.store.content(this.entry.id).length;
  }

  getBlob(): LocalBlob {
    this.hit('getBlob');
    const content = Buffer.from(this.env.store.content(this.entry.id));
    return new LocalBlob(this.env.ctx, content, this.entry.mimeType, this.entry.name);
  }

  getOwner(): LocalUser {
    this.hit('getOwner');
    return new LocalUser(this.env.ctx, this.entry.owner);
  }

  getParents(): LocalFolderIterator {
    this.hit('getParents');
    const parents = this.entry.parents
      .map((id) => this.env.store.entries.get(id))
      .filter((e): e is DriveEntry => !!e);
    return new LocalFolderIterator(this.env, parents);
  }

  moveTo(destination: LocalFolder): this {
    this.hit('moveTo');
    if (!(destination instanceof LocalFolder))
      throw this.env.ctx.error('Invalid argument: destination');
    this.env.store.update(this.entry, { parents: [destination.entry.id] });
    return this;
  }

  setTrashed(trashed: boolean): this {
    this.hit('setTrashed');
    this.env.store.update(this.entry, { trashed: Boolean(trashed) });
    return this;
  }

  setContent(content: string): this {
    this.hit('setContent');
    this.env.store.update(this.entry, {}, Buffer.from(String(content), 'utf8'));
    return this;
  }
}

type FolderMethods =
  | 'createFile'
  | 'createFolder'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getId'
  | 'getName'
  | 'getUrl'
  | 'setName'
  | 'getLastUpdated'
  | 'isTrashed';

/** A Drive Folder. */
export class LocalFolder
  extends LocalDriveItem
  implements Local<GoogleAppsScript.Drive.Folder, FolderMethods>
{
  constructor(env: DriveEnv, entry: DriveEntry) {
    super(env, entry, 'Folder');
  }

  createFile(...args: unknown[]): LocalFile {
    this.hit('createFile');
    return createIn(this.env, this.entry.id, args);
  }

  createFolder(name: string): LocalFolder {
    this.hit('createFolder');
    return new LocalFolder(this.env, this.env.store.createFolder(String(name), this.entry.id));
  }

  getFiles(): LocalFileIterator {
    this.hit('getFiles');
    return new LocalFileIterator(this.env, childrenOf(this.env, this.entry.id, 'file'));
  }

  getFilesByName(name: string): LocalFileIterator {
    this.hit('getFilesByName');
    return new LocalFileIterator(
      this.env,
      childrenOf(this.env, this.entry.id, 'file', String(name)),
    );
  }

  getFolders(): LocalFolderIterator {
    this.hit('getFolders');
    return new LocalFolderIterator(this.env, childrenOf(this.env, this.entry.id, 'folder'));
  }

  getFoldersByName(name: string): LocalFolderIterator {
    this.hit('getFoldersByName');
    return new LocalFolderIterator(
      this.env,
      childrenOf(this.env, this.entry.id, 'folder', String(name)),
    );
  }

  getUrl(): string {
    this.hit('getUrl');
    return `https://drive.google.com/drive/folders/${this.entry.id}`;
  }
}

const END_OF_ITERATOR = 'Cannot retrieve the next object: iterator has reached the end.';

type IteratorMethods = 'hasNext' | 'next' | 'getContinuationToken';

/** A FileIterator or FolderIterator over a snapshot of Drive entries. */
class LocalDriveIterator<T> {
  private index = 0;

  constructor(
    private readonly env: DriveEnv,
    private readonly entries: DriveEntry[],
    private readonly kind: 'FileIterator' | 'FolderIterator',
    private readonly wrap: (env: DriveEnv, entry: DriveEntry) => T,
  ) {}

  hasNext(): boolean {
    this.env.ctx.hit('Drive', `${this.kind}.hasNext`);
    return this.index < this.entries.length;
  }

  next(): T {
    this.env.ctx.hit('Drive', `${this.kind}.next`);
    const entry = this.entries[this.index++];
    if (!entry) throw this.env.ctx.error(END_OF_ITERATOR);
    return this.wrap(this.env, entry);
  }

  getContinuationToken(): string {
    this.env.ctx.hit('Drive', `${this.kind}.getContinuationToken`);
    return String(this.index);
  }
}

/** A FileIterator. */
export class LocalFileIterator
  extends LocalDriveIterator<LocalFile>
  implements Local<GoogleAppsScript.Drive.FileIterator, IteratorMethods>
{
  constructor(env: DriveEnv, entries: DriveEntry[]) {
    super(env, entries, 'FileIterator', (e, entry) => new LocalFile(e, entry));
  }
}

/** A FolderIterator. */
export class LocalFolderIterator
  extends LocalDriveIterator<LocalFolder>
  implements Local<GoogleAppsScript.Drive.FolderIterator, IteratorMethods>
{
  constructor(env: DriveEnv, entries: DriveEntry[]) {
    super(env, entries, 'FolderIterator', (e, entry) => new LocalFolder(e, entry));
  }
}

type DriveAppMethods =
  | 'createFile'
  | 'createFolder'
  | 'getFileById'
  | 'getFiles'
  | 'getFilesByName'
  | 'getFolderById'
  | 'getFolders'
  | 'getFoldersByName'
  | 'getRootFolder';

/** DriveApp. */
export class LocalDriveApp implements Local<GoogleAppsScript.Drive.DriveApp, DriveAppMethods> {
  private readonly env: DriveEnv;

  constructor(ctx: RuntimeContext, store: DriveStore) {
    this.env = { ctx, store };
  }

  private enter(method: string): void {
    this.env.ctx.enter('Drive', `DriveApp.${method}`);
  }

  getFileById(id: string): LocalFile {
    this.enter('getFileById');
    const entry = this.env.store.visible(String(id), 'file');
    if (!entry) throw this.env.ctx.error(NO_SUCH_ITEM);
    return new LocalFile(this.env, entry);
  }

  getFolderById(id: string): LocalFolder {
    this.enter('getFolderById');
    const entry = this.env.store.visible(String(id), 'folder');
    if (!entry) throw this.env.ctx.error(NO_SUCH_ITEM);
    return new LocalFolder(this.env, entry);
  }

  getRootFolder(): LocalFolder {
    this.enter('getRootFolder');
    return new LocalFolder(
      this.env,
      this.env.store.entries.get(this.env.store.rootId) as DriveEntry,
    );
  }

  createFile(...args: unknown[]): LocalFile {
    this.enter('createFile');
    return createIn(this.env, this.env.store.rootId, args);
  }

  createFolder(name: string): LocalFolder {
    this.enter('createFolder');
    return new LocalFolder(this.env, this.env.store.createFolder(String(name)));
  }

  getFiles(): LocalFileIterator {
    this.enter('getFiles');
    return new LocalFileIterator(this.env, childrenOf(this.env, null, 'file'));
  }

  getFilesByName(name: string): LocalFileIterator {
    this.enter('getFilesByName');
    return new LocalFileIterator(this.env, childrenOf(this.env, null, 'file', String(name)));
  }

  getFolders(): LocalFolderIterator {
    this.enter('getFolders');
    return new LocalFolderIterator(this.env, childrenOf(this.env, null, 'folder'));
  }

  getFoldersByName(name: string): LocalFolderIterator {
    this.enter('getFoldersByName');
    return new LocalFolderIterator(this.env, childrenOf(this.env, null, 'folder', String(name)));
  }
}
