import sax from 'sax';
import { RosterFileError } from './errors';

export interface XmlHandlers {
  /** Element names arrive without their namespace prefix (`x:c` → `c`); attributes as written. */
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Text may arrive in several pieces (sax flushes long text every 64 KB). */
  text?(text: string): void;
}

/**
 * Parses one xlsx part with sax in strict mode: malformed XML is an error, unknown entities are errors (sax expands
 * only the five XML entities and character references), and a DOCTYPE — which no xlsx part has — is refused before it
 * could declare anything.
 */
export function parseXmlPart(partName: string, bytes: Uint8Array, handlers: XmlHandlers): void {
  const parser = sax.parser(true, { position: false });
  const fail = (detail: string) => {
    throw new RosterFileError('ROSTER_BAD_XLSX', `${partName}: ${detail}`);
  };
  parser.onopentag = (tag) => handlers.open?.(localName(tag.name), tag.attributes);
  parser.onclosetag = (name) => handlers.close?.(localName(name));
  parser.ontext = (text) => handlers.text?.(text);
  parser.oncdata = (text) => handlers.text?.(text);
  parser.ondoctype = () => fail('DOCTYPE');
  parser.onerror = (e) => fail(e.message.split('\n')[0]);
  parser.write(decodeXml(bytes)).close();
}

/** The value of an attribute by its local name (`r:id` → `id`), or undefined. */
export function attribute(attributes: Record<string, string>, local: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(attributes, local)) return attributes[local];
  for (const key of Object.keys(attributes)) {
    if (localName(key) === local) return attributes[key];
  }
  return undefined;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
