import { open } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/** Makes a rename inside `dir` durable (the file itself is fsynced by write-file-atomic). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file whole or not at all, even across a kill or power cut: temporary file, fsync, rename, folder fsync. */
export async function writeDurably(dir: string, file: string, data: string): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
  await syncDirectory(dir);
}
