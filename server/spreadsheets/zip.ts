import { inflateRawSync } from 'node:zlib';
import { RosterFileError } from './errors';
import { ROSTER_LIMITS } from './limits';

/**
 * Just enough of a zip reader for an xlsx: the central directory, stored and deflated entries, nothing else (no
 * ZIP64, encryption or multi-disk archives, which an xlsx of at most 10 MB never needs). Every size in the file is
 * untrusted: an entry is inflated only when its declared size fits the budget that is left, and zlib stops at that
 * declared size (`maxOutputLength`), so an entry that lies about its size costs at most its declared size in memory
 * and time. fflate, by contrast, keeps decoding past a full output buffer (measured in docs/roster-import.md).
 */
interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Part names are compared as OPC compares them: case-insensitively, without a leading slash. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export class ZipArchive {
  private readonly view: DataView;
  private readonly entries = new Map<string, ZipEntry>();
  private budget: number;

  constructor(private readonly bytes: Uint8Array, maxUncompressedBytes: number = ROSTER_LIMITS.maxUncompressedBytes) {
    this.budget = maxUncompressedBytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory();
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The entry's bytes, or null if there is no such entry. Counts against the uncompressed budget. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(partKey(name));
    if (!entry) return null;
    if (entry.flags & 1) throw bad(`${entry.name}: encrypted`);
    if (entry.uncompressedSize > this.budget) {
      throw new RosterFileError('ROSTER_ZIP_TOO_LARGE', `${entry.name} declares ${entry.uncompressedSize} bytes`);
    }
    const start = this.dataStart(entry);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw bad(`${entry.name}: data past the end of the file`);
    const data = this.bytes.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else if (entry.method === 8) {
      try {
        // One byte more than declared, so that an entry inflating past its declared size is caught, not truncated.
        out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (e) {
        throw bad(`${entry.name}: ${(e as Error).message}`);
      }
    } else {
      throw bad(`${entry.name}: compression method ${entry.method}`);
    }
    if (out.length !== entry.uncompressedSize) throw bad(`${entry.name}: ${out.length} bytes, declared ${entry.uncompressedSize}`);
    this.budget -= out.length;
    return out;
  }

  private readDirectory(): void {
    const end = this.findEnd();
    const v = this.view;
    const disk = v.getUint16(end + 4, true);
    const cdDisk = v.getUint16(end + 6, true);
    const count = v.getUint16(end + 10, true);
    const cdSize = v.getUint32(end + 12, true);
    let p = v.getUint32(end + 16, true);
    if (disk !== 0 || cdDisk !== 0) throw bad('multi-disk archive');
    if (count === 0xffff || p === 0xffffffff || cdSize === 0xffffffff) throw bad('ZIP64');
    if (count > ROSTER_LIMITS.maxZipEntries) throw bad(`${count} entries`);
    if (p + cdSize > end) throw bad('central directory out of bounds');
    for (let i = 0; i < count; i++) {
      if (p + 46 > end || v.getUint32(p, true) !== SIG_CENTRAL) throw bad(`central directory entry ${i}`);
      const nameLength = v.getUint16(p + 28, true);
      const next = p + 46 + nameLength + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
      if (next > end) throw bad(`central directory entry ${i} out of bounds`);
      const entry: ZipEntry = {
        name: new TextDecoder('utf-8').decode(this.bytes.subarray(p + 46, p + 46 + nameLength)),
        flags: v.getUint16(p + 8, true),
        method: v.getUint16(p + 10, true),
        compressedSize: v.getUint32(p + 20, true),
        uncompressedSize: v.getUint32(p + 24, true),
        localHeaderOffset: v.getUint32(p + 42, true),
      };
      const key = partKey(entry.name);
      // Two entries of one name would let two readers see two different workbooks.
      if (this.entries.has(key)) throw bad(`duplicate entry ${entry.name}`);
      this.entries.set(key, entry);
      p = next;
    }
  }

  /** The end-of-central-directory record: the last one in the final 64 KB + 22 bytes (the comment may precede it). */
  private findEnd(): number {
    const min = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let p = this.bytes.length - 22; p >= min; p--) {
      if (this.view.getUint32(p, true) === SIG_END) return p;
    }
    throw new RosterFileError('ROSTER_NOT_XLSX', 'no end of central directory');
  }

  private dataStart(entry: ZipEntry): number {
    const p = entry.localHeaderOffset;
    if (p + 30 > this.bytes.length || this.view.getUint32(p, true) !== SIG_LOCAL) throw bad(`${entry.name}: local header`);
    return p + 30 + this.view.getUint16(p + 26, true) + this.view.getUint16(p + 28, true);
  }
}

function bad(detail: string): RosterFileError {
  return new RosterFileError('ROSTER_BAD_XLSX', detail);
}
