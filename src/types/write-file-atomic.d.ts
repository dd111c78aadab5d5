// write-file-atomic ships no type declarations; this covers the promise form the project uses.
declare module 'write-file-atomic' {
  interface Options {
    /** fsync the temporary file before renaming it (default true). */
    fsync?: boolean;
    encoding?: BufferEncoding;
    mode?: number;
  }
  export default function writeFileAtomic(file: string, data: string | Uint8Array, options?: Options): Promise<void>;
}
