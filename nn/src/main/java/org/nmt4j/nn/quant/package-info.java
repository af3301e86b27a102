/**
 * 8-bit integer inference products: weights stored as signed bytes with one scale per output,
 * activations quantized per row on the fly, products accumulated in 32-bit integers by oneDNN's
 * {@code dnnl_gemm_u8s8s32} (the CPU's integer dot-product instructions, AVX-512 VNNI or AVX
 * VNNI where present), then scaled back to float.
 *
 * <p>{@link org.nmt4j.nn.quant.QuantizedMatrix} holds one quantized weight matrix; {@link
 * org.nmt4j.nn.quant.Int8Weights} says which parameter arrays have one, so that {@link
 * org.nmt4j.nn.ops.Gemm} runs their inference products in int8; {@link
 * org.nmt4j.nn.quant.DnnlInt8} is the native call. Inference only: gradients stay float.
 */
package org.nmt4j.nn.quant;
