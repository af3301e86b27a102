package org.nmt4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nmt4j.nn.ops.MatrixRef;
import org.nmt4j.nn.ops.NativeMemory;

/**
 * A lookup table of vectors: id {@code v} maps to row {@code v} of {@code NAME} [rows, dim].
 *
 * <p>The backward pass scatter-adds, so an id that occurs several times in a batch gets the sum
 * of its positions' gradients. It is done on the host: ND4J's native scatter-add runs indices in
 * parallel, which is not safe for repeated ids, and a row loop is cheap at batch sizes of
 * thousands of positions.
 */
public final class Embedding {
  private final String name;
  private final INDArray table;
  private final INDArray gradient;
  private final int rows;
  private final int dim;

  /** Declares {@code NAME} [rows, dim]. */
  public static void declare(Parameters.Builder builder, String name, int rows, int dim) {
    builder.add(name, rows, dim);
  }

  /** Binds to a declared table. */
  public Embedding(Parameters params, String name, int rows, int dim) {
    this.name = name;
    this.table = params.checkedValue(name, rows, dim);
    this.gradient = params.gradient(name);
    this.rows = rows;
    this.dim = dim;
  }

  /** Parameter name. */
  public String name() {
    return name;
  }

  /** Number of ids (vocabulary size). */
  public int rows() {
    return rows;
  }

  /** Vector width. */
  public int dim() {
    return dim;
  }

  /** The table [rows, dim] (a view of the parameters). */
  public INDArray table() {
    return table;
  }

  /** Initialises the table under {@code init} (see {@link Initialisers#embedding}). */
  public void initialise(InitConfig init, Random rng) {
    Initialisers.embedding(table, init, rng);
  }

  /** Sets the table's gradient to zero. */
  public void zeroGradient() {
    gradient.assign(0);
  }

  /**
   * Copies the rows of {@code ids[0 .. count)} into {@code out}.
   *
   * @param out [count, dim] destination rows
   */
  public void forward(int[] ids, int count, MatrixRef out) {
    checkShape(out, count);
    for (int p = 0; p < count; p++) {
      int id = checkId(ids[p], p);
      NativeMemory.copy(table, (long) id * dim, out.array(), out.offset() + (long) p * out.ld(), dim);
    }
  }

  /**
   * Scatter-adds {@code dOut} rows into the table gradient.
   *
   * @param ids the ids of the forward pass
   * @param dOut [count, dim] gradient of the looked-up rows
   * @param accumulate add to the current gradient (e.g. when the table is also used as output
   *     weights) instead of overwriting it
   */
  public void backward(int[] ids, int count, MatrixRef dOut, boolean accumulate) {
    checkShape(dOut, count);
    if (!accumulate) {
      gradient.assign(0);
    }
    // firstPosition[id]: the position whose row accumulates all of id's rows.
    int[] firstPosition = new int[rows];
    java.util.Arrays.fill(firstPosition, -1);
    for (int p = 0; p < count; p++) {
      int id = checkId(ids[p], p);
      if (firstPosition[id] < 0) {
        firstPosition[id] = p;
      }
    }
    // Rows of the same id are summed in double (whatever the table's type), then added to the
    // gradient row once: one read and one write per distinct id (only a write when the gradient
    // was just zeroed). Contiguous rows are read in one call.
    double[] d = new double[count * dim];
    if (dOut.ld() == dim) {
      NativeMemory.read(dOut.array(), dOut.offset(), d, 0, count * dim);
    } else {
      for (int p = 0; p < count; p++) {
        NativeMemory.read(dOut.array(), dOut.offset() + (long) p * dOut.ld(), d, p * dim, dim);
      }
    }
    for (int p = 0; p < count; p++) {
      int q = firstPosition[ids[p]];
      if (q != p) {
        for (int j = 0; j < dim; j++) {
          d[q * dim + j] += d[p * dim + j];
        }
      }
    }
    double[] row = accumulate ? new double[dim] : null;
    for (int p = 0; p < count; p++) {
      int id = ids[p];
      if (firstPosition[id] != p) {
        continue;
      }
      if (accumulate) {
        NativeMemory.read(gradient, (long) id * dim, row, 0, dim);
        for (int j = 0; j < dim; j++) {
          d[p * dim + j] += row[j];
        }
      }
      NativeMemory.write(gradient, (long) id * dim, d, p * dim, dim);
    }
  }

  private int checkId(int id, int position) {
    if (id < 0 || id >= rows) {
      throw new IllegalArgumentException(
          name + ": id " + id + " at position " + position + " is outside [0, " + rows + ")");
    }
    return id;
  }

  private void checkShape(MatrixRef m, int count) {
    if (m.rows() != count || m.cols() != dim) {
      throw new IllegalArgumentException(name + ": expected [" + count + ", " + dim + "], got ["
          + m.rows() + ", " + m.cols() + "]");
    }
  }
}
