/**
 * Low-level array plumbing for {@link org.nmt4j.nn}: direct OpenBLAS products on sub-matrices
 * ({@link org.nmt4j.nn.ops.Gemm}), elementwise kernels ({@link org.nmt4j.nn.ops.ArrayOps}),
 * cached block views ({@link org.nmt4j.nn.ops.BlockSeries}) and raw host access.
 */
package org.nmt4j.nn.ops;
