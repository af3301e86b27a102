/**
 * Float elementwise kernels on oneDNN's primitives, for the per-step work of the recurrent cells
 * (gate activations, their derivatives, products and sums on [rows, hidden] blocks).
 *
 * <p>{@link org.nmt4j.nn.ops.dnnl.DnnlRuntime} loads oneDNN and keeps its CPU engine and one
 * stream per thread; {@link org.nmt4j.nn.ops.dnnl.PrimitiveCache} creates each primitive once per
 * element count and binds it per thread ({@link org.nmt4j.nn.ops.dnnl.BoundCall}); {@link
 * org.nmt4j.nn.ops.dnnl.Eltwise}, {@link org.nmt4j.nn.ops.dnnl.EltwiseBackward} and {@link
 * org.nmt4j.nn.ops.dnnl.Binary} are the operations. Everything here takes raw addresses of
 * contiguous float vectors; {@link org.nmt4j.nn.ops.ArrayOps} decides when to call it.
 */
package org.nmt4j.nn.ops.dnnl;
