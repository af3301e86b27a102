/**
 * Reduced-precision products: 8-bit integers for inference and bf16 for inference and training.
 *
 * <p>int8: weights stored as signed bytes with one scale per output, activations quantized per
 * row on the fly, products accumulated in 32-bit integers and scaled back to float inside one
 * call of oneDNN's int8 matmul (the CPU's AMX tiles or integer dot-product instructions, AVX-512
 * VNNI or AVX VNNI, where present). {@link org.nmt4j.nn.quant.QuantizedMatrix} holds one quantized
 * weight matrix, {@link org.nmt4j.nn.quant.Int8Block} packs a block of it and runs its products,
 * {@link org.nmt4j.nn.quant.Int8Weights} says which parameter arrays have one, {@link
 * org.nmt4j.nn.quant.DnnlInt8} is the plain integer product of the reference path.
 *
 * <p>Every oneDNN primitive that products run takes its scratchpad from the calling thread
 * ({@link org.nmt4j.nn.quant.DnnlHandles#userScratchpad}), so that threads may run one primitive
 * at once.
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
