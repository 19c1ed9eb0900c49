//! The module's allocator: talc, with a memory source that grows the wasm memory in large steps.
//!
//! talc's own wasm source grows the memory by just the pages an allocation needs. V8 answers a
//! growth of wasm memory, when the JS heap is large, with a full garbage collection: reading an
//! organization of 80,000 members grew the memory about 1,500 times by one page, and most of the
//! time went to 60 full collections of the heap that held the organization (a plain
//! `WebAssembly.Memory` grown so shows the same). Growing by a quarter of the memory at least (and
//! 1 MiB at least) makes that a few dozen growths.

use core::alloc::Layout;
use core::arch::wasm32::{memory_grow, memory_size};
use core::ptr::NonNull;
use talc::base::binning::Binning;
use talc::base::Talc;
use talc::cell::TalcSyncCell;
use talc::wasm::WasmBinning;

/// A wasm page: 64 KiB.
const PAGE: usize = 64 * 1024;

/// The fewest pages one growth adds: 1 MiB.
const MIN_STEP: usize = 16;

/// talc's memory source: the memory from its end on, extended in steps of a quarter of its size.
#[derive(Debug, Default)]
pub(crate) struct GrowInSteps {
    /// The end of the heap talc manages (the memory's end, once it grew).
    end: Option<NonNull<u8>>,
}

// SAFETY: `acquire` only hands talc memory that `memory.grow` just added, which nothing else
// uses, and allocates nothing itself.
unsafe impl talc::source::Source for GrowInSteps {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        // Enough for the allocation with talc's bookkeeping around it (if not, talc asks again).
        let needed = (layout.size() + layout.align() + 256).div_ceil(PAGE);
        let step = needed.max(memory_size(0) / 4).max(MIN_STEP);
        let previous = match memory_grow(0, step) {
            usize::MAX => match memory_grow(0, needed) {
                usize::MAX => return Err(()),
                previous => (previous, needed),
            },
            previous => (previous, step),
        };
        let (first_page, pages) = previous;
        let base = (first_page * PAGE) as *mut u8;
        let new_end = base.wrapping_add(pages * PAGE);
        if let Some(old_end) = talc.source.end.take() {
            if old_end.as_ptr() == base {
                // SAFETY: the heap ends where the memory grew from: extend it over the new pages.
                talc.source.end = Some(unsafe { talc.extend(old_end, new_end) });
                return Ok(());
            }
        }
        // SAFETY: the new pages are ours alone (see above).
        talc.source.end = unsafe { talc.claim(base, pages * PAGE) };
        Ok(())
    }
}

/// The allocator: talc over [`GrowInSteps`].
pub(crate) type Allocator = TalcSyncCell<GrowInSteps, WasmBinning>;

/// A new allocator (single-threaded wasm, as this module is).
pub(crate) const fn allocator() -> Allocator {
    TalcSyncCell::new_wasm(GrowInSteps { end: None })
}
