/**
 * Low-level array plumbing for {@link org.nmt4j.nn}: direct oneDNN and OpenBLAS products on
 * sub-matrices ({@link org.nmt4j.nn.ops.Gemm}, library chosen by {@link
 * org.nmt4j.nn.ops.GemmLibrary}, thread counts in {@link org.nmt4j.nn.ops.Blas}), elementwise
 * kernels ({@link org.nmt4j.nn.ops.ArrayOps}: float on oneDNN's primitives in {@link
 * org.nmt4j.nn.ops.dnnl}, double on ND4J), cached block views ({@link
 * org.nmt4j.nn.ops.BlockSeries}) and raw host access.
 */
package org.nmt4j.nn.ops;
