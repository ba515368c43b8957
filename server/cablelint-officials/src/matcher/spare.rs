//! The buffers of one search (the reading's text and dropped offsets, the
//! scan's masks), kept per thread from one document to the next: a cable
//! made three allocations and three frees for them, about a tenth of what
//! reading it costs. A search that finds a buffer taken (a search inside a
//! search, never seen) makes its own; a buffer grown past [`KEEP`] bytes
//! (a collection in one file) is freed rather than kept.

use std::cell::Cell;

/// The largest buffer kept, in bytes.
const KEEP: usize = 1 << 20;

thread_local! {
    static TEXT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    static DROPPED: Cell<Vec<usize>> = const { Cell::new(Vec::new()) };
    static MASKS: Cell<Vec<u64>> = const { Cell::new(Vec::new()) };
}

/// An empty buffer, with the room a search before left in it.
fn take<T>(key: &'static std::thread::LocalKey<Cell<Vec<T>>>) -> Vec<T> {
    let mut buffer = key.try_with(Cell::take).unwrap_or_default();
    buffer.clear();
    buffer
}

/// Keeps `buffer` for the next search on this thread, unless it has no
/// room or too much.
fn give<T>(key: &'static std::thread::LocalKey<Cell<Vec<T>>>, buffer: Vec<T>) {
    let bytes = buffer.capacity() * std::mem::size_of::<T>();
    if bytes > 0 && bytes <= KEEP {
        // A thread being torn down keeps nothing: the buffer is freed.
        let _ = key.try_with(|cell| cell.set(buffer));
    }
}

pub(super) fn take_text() -> Vec<u8> {
    take(&TEXT)
}

pub(super) fn give_text(buffer: Vec<u8>) {
    give(&TEXT, buffer);
}

pub(super) fn take_dropped() -> Vec<usize> {
    take(&DROPPED)
}

pub(super) fn give_dropped(buffer: Vec<usize>) {
    give(&DROPPED, buffer);
}

pub(super) fn take_masks() -> Vec<u64> {
    take(&MASKS)
}

pub(super) fn give_masks(buffer: Vec<u64>) {
    give(&MASKS, buffer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty_with_its_room() {
        let mut text = take_text();
        text.extend_from_slice(b"Vice Minister Ji");
        let (room, at) = (text.capacity(), text.as_ptr());
        give_text(text);
        let again = take_text();
        assert!(again.is_empty());
        assert_eq!((again.capacity(), again.as_ptr()), (room, at));
        // Taken: a second search makes its own.
        assert_eq!(take_text().capacity(), 0);
    }

    #[test]
    fn buffers_with_no_room_or_too_much_are_not_kept() {
        give_masks(Vec::with_capacity(8));
        give_masks(Vec::new());
        assert_eq!(take_masks().capacity(), 8);
        give_dropped(Vec::with_capacity(KEEP / std::mem::size_of::<usize>() + 1));
        assert_eq!(take_dropped().capacity(), 0);
    }
}
