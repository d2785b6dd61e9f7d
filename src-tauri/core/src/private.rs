//! A job search is months of personal data: everything Afterview writes of it
//! is private to the user from the first write (folders 0700; the database,
//! its -wal and -shm, backups and exports 0600, whatever the umask), and a
//! file it is asked to read is read only when it is a regular file of a sane
//! size, so that `/dev/zero` or a FIFO is refused at once instead of
//! exhausting memory or hanging.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// The largest file Afterview reads as input (an export, a table, an email).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a new file can be made in `dir` (the probe is removed at once):
/// false on a read-only mount or a folder this user may not write.
pub fn takes_files(dir: &Path) -> bool {
    let probe = dir.join(format!(".afterview-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem),
    }
}

/// Creates `dir` and any missing parents, each new one mode 0700.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Creates `path` empty with mode 0600 unless it exists (SQLite then gives
/// the database's -wal and -shm files the same mode).
pub fn create_file(path: &Path) -> std::io::Result<()> {
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Reads an input file whole, refusing (in one line, before reading) what is
/// not a regular file or is larger than [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file (a device, a pipe or a folder)".into());
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(format!("it is larger than {} MiB", MAX_INPUT_BYTES / (1024 * 1024)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // It may grow while being read: never past the cap.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("it is larger than {} MiB", MAX_INPUT_BYTES / (1024 * 1024)));
    }
    Ok(bytes)
}

/// [`read_input`] as UTF-8 text.
pub fn read_input_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read_input(path)?).map_err(|_| "it is not UTF-8 text".to_owned())
}

/// Reads at most [`MAX_INPUT_BYTES`] from a stream (stdin), refusing more.
pub fn read_stream_text(r: &mut dyn Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    r.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("it is larger than {} MiB", MAX_INPUT_BYTES / (1024 * 1024)));
    }
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::write_atomically;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn what_is_written_is_private_and_replaces_a_symlink_instead_of_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a/b");
        create_dir(&folder).unwrap();
        assert_eq!((mode(&dir.path().join("a")), mode(&folder)), (0o700, 0o700));
        let file = folder.join("x.db");
        create_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        let out = folder.join("export.json");
        write_atomically(&out, b"{}").unwrap();
        assert_eq!((mode(&out), std::fs::read(&out).unwrap()), (0o600, b"{}".to_vec()));
        // A symlink where the export goes (say to ~/.bashrc) is replaced, not written through.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = folder.join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomically(&link, b"[]").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn endless_or_huge_inputs_are_refused_before_reading() {
        assert_eq!(read_input(Path::new("/dev/zero")).unwrap_err(), "it is not a regular file (a device, a pipe or a folder)");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        // Would block for ever if it were opened.
        assert!(read_input(&fifo).unwrap_err().contains("not a regular file"));
        assert!(read_input(dir.path()).unwrap_err().contains("not a regular file"));
        let huge = dir.path().join("huge.json");
        std::fs::File::create(&huge).unwrap().set_len(MAX_INPUT_BYTES + 1).unwrap(); // sparse: no disk used
        assert_eq!(read_input(&huge).unwrap_err(), "it is larger than 64 MiB");
        let ok = dir.path().join("ok.json");
        std::fs::write(&ok, "{}").unwrap();
        assert_eq!(read_input_text(&ok).unwrap(), "{}");
        let mut endless = std::io::repeat(b'x');
        assert_eq!(read_stream_text(&mut endless).unwrap_err(), "it is larger than 64 MiB");
    }
}
