// Tests run one at a time. TorchSharp 0.107 frees the Scalars it makes implicitly (tensor * 2.0) only by finalizer, and
// a garbage collection started by another test thread can finalize one while its native call is still reading it
// (seen once: "Expected false to be true ... toDouble" inside mul). With a single test thread a collection can only
// start from that thread's own allocations, between native calls.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
