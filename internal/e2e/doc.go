// Package e2e holds the tests that drive both products' public API against
// the gateway emulator at once: the fault matrix, deadlines, concurrency and
// the search for leaked secrets. It has no code of its own.
package e2e
