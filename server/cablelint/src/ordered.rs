//! Work on many items in parallel, with the results consumed in the items'
//! order on the calling thread, and a bounded number of results in flight:
//! memory does not grow with the number of items.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How far ahead of the consumer each worker may run, in items: enough to
/// keep workers busy past a slow item, few enough to hold little memory.
const AHEAD_PER_THREAD: usize = 64;
/// The most items a worker claims at once.
const MAX_CHUNK: usize = 8;

/// Runs `work` on every item on `threads` threads, and `consume` on each
/// result in the items' order, on this thread, as soon as the results
/// before it are consumed. A panic in `work` is resumed here.
pub fn run_in_order<J, T, W, C>(items: &[J], threads: usize, work: W, mut consume: C)
where
    J: Sync,
    T: Send,
    W: Fn(&J) -> T + Sync,
    C: FnMut(T),
{
    let threads = threads.max(1);
    let window = threads * AHEAD_PER_THREAD;
    // Items are claimed and sent a few at a time, and the consumer tells the
    // workers how far it has got every quarter window: one hand-over (and
    // wake-up) per file made a third of `check`'s system time.
    let chunk = (items.len() / (threads * 16)).clamp(1, MAX_CHUNK);
    let publish_every = window / 4;
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    let (sender, receiver) = mpsc::channel::<(usize, Vec<T>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, gate, work) = (&next, &gate, &work);
            scope.spawn(move || {
                let _abort = AbortOnPanic(gate);
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= items.len() {
                        return;
                    }
                    let end = (start + chunk).min(items.len());
                    if !gate.wait_below(end - 1, window) {
                        return;
                    }
                    let results = items[start..end].iter().map(work).collect();
                    if sender.send((start, results)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        // Results that came before their turn, by index from `consumed`.
        let mut waiting: VecDeque<Option<T>> = VecDeque::new();
        let mut consumed = 0;
        let mut published = 0;
        for (start, results) in receiver {
            let first_slot = start - consumed;
            if waiting.len() < first_slot + results.len() {
                waiting.resize_with(first_slot + results.len(), || None);
            }
            for (slot, result) in (first_slot..).zip(results) {
                waiting[slot] = Some(result);
            }
            while let Some(Some(_)) = waiting.front() {
                if let Some(Some(result)) = waiting.pop_front() {
                    consume(result);
                    consumed += 1;
                }
            }
            if consumed - published >= publish_every {
                published = consumed;
                gate.advance(consumed);
            }
        }
    });
}

/// How many results are consumed, for workers waiting to run ahead.
#[derive(Default)]
struct Gate {
    consumed: Mutex<usize>,
    changed: Condvar,
    aborted: AtomicBool,
}

impl Gate {
    /// Waits until `index` is within `window` of the consumer; false if a
    /// worker panicked and the run is ending.
    fn wait_below(&self, index: usize, window: usize) -> bool {
        let mut consumed = self.consumed.lock().unwrap_or_else(|e| e.into_inner());
        while index >= *consumed + window {
            if self.aborted.load(Ordering::Relaxed) {
                return false;
            }
            consumed = self
                .changed
                .wait(consumed)
                .unwrap_or_else(|e| e.into_inner());
        }
        !self.aborted.load(Ordering::Relaxed)
    }

    fn advance(&self, consumed: usize) {
        *self.consumed.lock().unwrap_or_else(|e| e.into_inner()) = consumed;
        self.changed.notify_all();
    }
}

/// Wakes the other workers to stop when one panics: the result it owed
/// never comes, so the consumer would never let them run ahead again.
struct AbortOnPanic<'a>(&'a Gate);

impl Drop for AbortOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.aborted.store(true, Ordering::Relaxed);
            let _lock = self.0.consumed.lock().unwrap_or_else(|e| e.into_inner());
            self.0.changed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads_finish() {
        let items: Vec<u64> = (0..2000).collect();
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            // Uneven work, so that results arrive out of order.
            run_in_order(
                &items,
                threads,
                |&i| {
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(50));
                    }
                    i * 2
                },
                |r| seen.push(r),
            );
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_run_at_most_a_window_ahead_of_the_consumer() {
        let items: Vec<usize> = (0..1000).collect();
        let started = AtomicUsize::new(0);
        let mut consumed = 0;
        run_in_order(
            &items,
            2,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                assert_eq!(i, consumed);
                consumed += 1;
                // Slow consumer: workers must wait for it, not pile up.
                std::thread::sleep(std::time::Duration::from_micros(20));
                let ahead = started.load(Ordering::SeqCst) - consumed;
                assert!(ahead <= 2 * AHEAD_PER_THREAD, "{ahead} in flight");
            },
        );
        assert_eq!(consumed, items.len());
    }

    #[test]
    fn no_items_and_a_panic_end_the_run() {
        run_in_order(
            &[] as &[u8],
            3,
            |_| 0,
            |_: i32| panic!("nothing to consume"),
        );
        let items: Vec<usize> = (0..5000).collect();
        let run = std::panic::catch_unwind(|| {
            run_in_order(
                &items,
                2,
                |&i| {
                    assert!(i != 300, "worker fails");
                    i
                },
                |_| {},
            )
        });
        assert!(run.is_err());
    }
}
