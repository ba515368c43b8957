//! Work on many items in parallel, with the results consumed in the items'
//! order on the calling thread, and a bounded number of results in flight:
//! memory does not grow with the number of items.
//!
//! The calling thread works too: with one thread it works and consumes in
//! turn and no thread is started; with N it works beside N − 1 helpers
//! whenever the next result to consume is not ready. Handing every result
//! to a thread that only consumed cost a wake-up (a futex call and a
//! context switch) every few files, even with one thread: about 7,000
//! futex calls over 20,000 files.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far ahead of the consumer each thread may run, in items: enough to
/// keep workers busy past a slow item, few enough to hold little memory.
const AHEAD_PER_THREAD: usize = 64;
/// The most items a worker claims at once.
const MAX_CHUNK: usize = 8;

/// Runs `work` on every item on `threads` threads (this one included), and
/// `consume` on each result in the items' order, on this thread. A panic in
/// `work` or `consume` ends the run and is resumed here.
pub fn run_in_order<J, T, W, C>(items: &[J], threads: usize, work: W, mut consume: C)
where
    J: Sync,
    T: Send,
    W: Fn(&J) -> T + Sync,
    C: FnMut(T),
{
    let threads = threads.max(1);
    if threads == 1 {
        for item in items {
            consume(work(item));
        }
        return;
    }
    // Items are claimed a few at a time (a chunk), so that threads meet
    // (take the lock) once per chunk, not once per item.
    let chunk = (items.len() / (threads * 16)).clamp(1, MAX_CHUNK);
    let chunks = items.len().div_ceil(chunk);
    let window = (threads * AHEAD_PER_THREAD / chunk).max(1);
    let shared = Shared {
        state: Mutex::new(State {
            ready: VecDeque::new(),
            taken: 0,
            consumed: 0,
            next: 0,
            consumer_waits: false,
            helpers_waiting: 0,
            aborted: false,
        }),
        for_consumer: Condvar::new(),
        for_helpers: Condvar::new(),
        chunks,
        window,
    };
    let work_on = |index: usize| -> Vec<T> {
        let end = ((index + 1) * chunk).min(items.len());
        items[index * chunk..end].iter().map(&work).collect()
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let (shared, work_on) = (&shared, &work_on);
            scope.spawn(move || {
                let _abort = AbortOnPanic(shared);
                while let Some(index) = shared.claim(shared.lock(), true) {
                    let results = work_on(index);
                    shared.deliver(index, results);
                }
            });
        }
        let _abort = AbortOnPanic(&shared);
        loop {
            let mut state = shared.lock();
            if state.aborted || state.consumed == chunks {
                return;
            }
            if let Some(Some(_)) = state.ready.front() {
                let Some(Some(results)) = state.ready.pop_front() else {
                    unreachable!("the front was just seen ready");
                };
                state.taken += 1;
                drop(state);
                results.into_iter().for_each(&mut consume);
                shared.consumed_one();
                continue;
            }
            // The next result is not ready: work on a chunk meanwhile, or
            // wait for it if every chunk within the window is taken.
            match shared.claim(state, false) {
                Some(index) => {
                    let results = work_on(index);
                    shared.deliver(index, results);
                }
                None => shared.wait_for_next(),
            }
        }
    });
}

/// What the threads share, behind one lock.
struct Shared<T> {
    state: Mutex<State<T>>,
    /// The consumer waits here for the next chunk's results.
    for_consumer: Condvar,
    /// Helpers wait here for the consumer to open the window.
    for_helpers: Condvar,
    chunks: usize,
    /// How many chunks past the last consumed one may be worked on.
    window: usize,
}

struct State<T> {
    /// Results by chunk, from the first not taken; `None` while a thread
    /// works on it.
    ready: VecDeque<Option<Vec<T>>>,
    /// Chunks taken by the consumer from `ready`.
    taken: usize,
    /// Chunks consumed to the end: the window starts here, so that what
    /// the consumer holds counts as in flight.
    consumed: usize,
    /// The next chunk to claim.
    next: usize,
    /// Waiters are woken only when there are some: a wake-up with nobody
    /// waiting is still a system call.
    consumer_waits: bool,
    helpers_waiting: usize,
    /// A thread panicked: the others stop.
    aborted: bool,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next chunk to work on, if any is left (and the run goes on).
    /// A helper waits for it to come within the window; the consumer gets
    /// `None` instead, as it has results to consume before.
    fn claim(&self, mut state: MutexGuard<'_, State<T>>, helper: bool) -> Option<usize> {
        loop {
            if state.aborted || state.next >= self.chunks {
                return None;
            }
            if state.next < state.consumed + self.window {
                let index = state.next;
                state.next += 1;
                state.ready.push_back(None);
                return Some(index);
            }
            if !helper {
                return None;
            }
            state.helpers_waiting += 1;
            state = self
                .for_helpers
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
            state.helpers_waiting -= 1;
        }
    }

    fn deliver(&self, index: usize, results: Vec<T>) {
        let mut state = self.lock();
        let slot = index - state.taken;
        state.ready[slot] = Some(results);
        if slot == 0 && state.consumer_waits {
            self.for_consumer.notify_one();
        }
    }

    fn consumed_one(&self) {
        let mut state = self.lock();
        state.consumed += 1;
        if state.helpers_waiting > 0 {
            self.for_helpers.notify_all();
        }
    }

    /// Waits until the next chunk's results are ready (or the run ends).
    fn wait_for_next(&self) {
        let mut state = self.lock();
        while !state.aborted && !matches!(state.ready.front(), Some(Some(_))) {
            state.consumer_waits = true;
            state = self
                .for_consumer
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
            state.consumer_waits = false;
        }
    }
}

/// Stops the others when a thread panics: a helper's chunk never comes, so
/// the consumer would wait for it for ever; a panicking consumer never
/// opens the window again, so the helpers would wait for ever.
struct AbortOnPanic<'a, T>(&'a Shared<T>);

impl<T> Drop for AbortOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut state = self.0.lock();
            state.aborted = true;
            self.0.for_consumer.notify_all();
            self.0.for_helpers.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

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

    /// A consumer that panics must not leave the helpers waiting for it
    /// to open the window: the run ends and the panic comes back.
    #[test]
    fn a_panicking_consumer_ends_the_run() {
        let items: Vec<usize> = (0..5000).collect();
        for threads in [1, 2, 3] {
            let run = std::panic::catch_unwind(|| {
                run_in_order(
                    &items,
                    threads,
                    |&i| i,
                    |i| assert!(i != 700, "consumer fails"),
                )
            });
            assert!(run.is_err(), "{threads}");
        }
    }

    /// With one thread nothing is handed over: each item is worked on and
    /// consumed in turn on the calling thread.
    #[test]
    fn one_thread_works_on_the_calling_thread_in_turn() {
        let items: Vec<usize> = (0..100).collect();
        let caller = std::thread::current().id();
        let consumed = AtomicUsize::new(0);
        let work = |&i: &usize| {
            assert_eq!(std::thread::current().id(), caller);
            // Everything before this item is already consumed.
            assert_eq!(consumed.load(Ordering::Relaxed), i);
            i
        };
        run_in_order(&items, 1, work, |i| {
            assert_eq!(consumed.fetch_add(1, Ordering::Relaxed), i);
        });
        assert_eq!(consumed.into_inner(), items.len());
    }
}
