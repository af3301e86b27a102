package org.nmt4j.nn.quant;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.dnnl.global.dnnl;

/**
 * oneDNN's integer product {@code dnnl_gemm_u8s8s32} from the JavaCPP preset {@code
 * org.bytedeco:dnnl} (the native library ships inside the jar): {@code C = A B + co}, A unsigned
 * bytes [m, k], B signed bytes [k, n], C and the per-column offsets co 32-bit integers, all
 * row-major.
 *
 * <p>Why this call: oneDNN picks its kernel for the CPU at run time; with AVX-512 VNNI (or AVX
 * VNNI) one {@code vpdpbusd} instruction multiplies 64 (32) unsigned by signed byte pairs and adds
 * them in groups of four into 32-bit sums, without intermediate saturation. Without VNNI the
 * kernels pair products into 16-bit sums that saturate ({@code vpmaddubsw}); {@link #SEVEN_BIT}
 * then tells the quantizer to keep activations in 7 bits, where no pair can exceed 2^15 - 1.
 */
public final class DnnlInt8 {
  /** oneDNN's cpu_isa bits that mark a VNNI instruction set (avx512_core_vnni, avx2_vnni). */
  private static final int VNNI_BITS = 0x40 | 0x400;

  private static final Throwable LOAD_FAILURE = DnnlCpu.LOAD_FAILURE;
  private static final int ISA = DnnlCpu.ISA;

  /**
   * Whether the CPU lacks VNNI, so that oneDNN's integer kernels may saturate 16-bit pair sums:
   * activations are then quantized to 7 bits, 1..127 around 64 (two products of at most 127 x 127
   * sum to 32258), instead of 8 bits, 1..255 around 128 (2 x 255 x 127 would overflow).
   */
  public static final boolean SEVEN_BIT = (ISA & VNNI_BITS) == 0;

  private DnnlInt8() {}

  /** Fails with a one-line reason when oneDNN's native library cannot be loaded here. */
  public static void requireAvailable() {
    if (LOAD_FAILURE != null) {
      throw new IllegalStateException("int8 inference needs oneDNN's native library (Maven "
          + "artifact org.bytedeco:dnnl for this platform), which could not be loaded: "
          + LOAD_FAILURE);
    }
  }

  /** oneDNN's name of the instruction set its kernels use here, e.g. avx512_core_vnni. */
  public static String instructionSet() {
    requireAvailable();
    return switch (ISA) {
      case 0x7 -> "avx2";
      case 0x27 -> "avx512_core";
      case 0x67 -> "avx512_core_vnni";
      case 0xe7 -> "avx512_core_bf16";
      case 0x3e7 -> "avx512_core_amx";
      case 0x407 -> "avx2_vnni";
      default -> "isa 0x" + Integer.toHexString(ISA);
    };
  }

  /**
   * {@code C[i][j] = sum_p A[i][p] B[p][j] + co[j]}, exact in 32-bit integers. (oneDNN's flag
   * for one offset per column of a row-major C is 'R': its row-major API transposes the problem
   * into its column-major kernels; the test against the definition pins this down.)
   *
   * @param a unsigned bytes, row i at {@code a + i * lda}
   * @param b signed bytes, row p at {@code b + p * ldb}
   * @param c 32-bit results, row i at {@code c + i * ldc} (overwritten)
   * @param columnOffsets n 32-bit offsets added to each column
   */
  static void gemm(int m, int n, int k, BytePointer a, int lda, BytePointer b, int ldb,
      IntPointer c, int ldc, IntPointer columnOffsets) {
    requireAvailable();
    int status = dnnl.dnnl_gemm_u8s8s32((byte) 'N', (byte) 'N', (byte) 'R', m, n, k, 1f, a, lda,
        (byte) 0, b, ldb, (byte) 0, 0f, c, ldc, columnOffsets);
    if (status != 0) {
      throw new IllegalStateException("dnnl_gemm_u8s8s32 failed with status " + status + " for ["
          + m + ", " + k + "] x [" + k + ", " + n + "]");
    }
  }
}
