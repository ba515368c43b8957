//! Where the report goes.

use crate::cli::Format;
use crate::output;
use std::io::Write;

/// The report's stream: buffered (a report is many small writes), with ANSI
/// styles stripped only when the format has them and colour is off.
pub(super) enum Sink {
    Raw(Box<dyn Write>),
    Strip(Box<dyn Write>, anstream::adapter::StripBytes),
}

impl Sink {
    pub(super) fn new<W: Write + anstream::stream::RawStream + 'static>(
        raw: W,
        format: Format,
    ) -> Self {
        let colour = anstream::AutoStream::choice(&raw) != anstream::ColorChoice::Never;
        let buffered: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(64 * 1024, raw));
        if format == Format::Human && !colour {
            Sink::Strip(buffered, anstream::adapter::StripBytes::default())
        } else {
            Sink::Raw(buffered)
        }
    }

    pub(super) fn strips(&self) -> bool {
        matches!(self, Sink::Strip(..))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) => w.write_all(buf),
            Sink::Strip(w, stripper) => {
                for printable in stripper.strip_next(buf) {
                    w.write_all(printable)?;
                }
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) | Sink::Strip(w, _) => w.flush(),
        }
    }
}

impl output::PieceSink for Sink {
    fn write_stripped(&mut self, bytes: &[u8]) -> std::io::Result<bool> {
        match self {
            Sink::Raw(_) => Ok(false),
            Sink::Strip(w, _) => w.write_all(bytes).map(|()| true),
        }
    }
}
