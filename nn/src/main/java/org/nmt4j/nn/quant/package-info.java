/**
 * Reduced-precision products: 8-bit integers for inference and bf16 for inference and training.
 *
 * <p>int8: weights stored as signed bytes with one scale per output, activations quantized per
 * row on the fly, products accumulated in 32-bit integers by oneDNN's {@code dnnl_gemm_u8s8s32}
 * (the CPU's integer dot-product instructions, AVX-512 VNNI or AVX VNNI where present), then
 * scaled back to float. {@link org.nmt4j.nn.quant.QuantizedMatrix} holds one quantized weight
 * matrix, {@link org.nmt4j.nn.quant.Int8Weights} says which parameter arrays have one, {@link
 * org.nmt4j.nn.quant.DnnlInt8} is the native call.
 *
 * <p>bf16: operands rounded to bf16, sums in float, through oneDNN's matmul primitive on AMX or
 * AVX-512 BF16. {@link org.nmt4j.nn.quant.Bf16Weights} says which weight arrays are multiplied
 * in bf16 (for inference, or trained and converted again after each update), {@link
 * org.nmt4j.nn.quant.Bf16Matrix} holds their converted forms and primitives, {@link
 * org.nmt4j.nn.quant.Bf16Products} multiplies two activations, as {@link
 * org.nmt4j.nn.quant.MixedPrecision} turns on for training.
 *
 * <p>{@link org.nmt4j.nn.ops.Gemm} asks here first for every float product; everything not
 * registered or not large enough stays float.
 */
package org.nmt4j.nn.quant;
