package org.nmt4j.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nmt4j.nn.ops.ArrayOps;
import org.nmt4j.nn.ops.BlockSeries;
import org.nmt4j.nn.ops.NativeMemory;
import org.nmt4j.nn.ops.Halves;

/**
 * The buffers of {@link RecurrentLayer#step} (one decoding step of a whole batch) for batches up
 * to a capacity, laid out for any {@link RecurrentCell}: the gates side by side as the products
 * write them, then each gate as a contiguous block for the cell.
 */
public final class StepBuffers {
  final int capacity;
  final RecurrentCell cell;
  /** Gate k's block is block k: [capacity, H] each, adjacent. */
  final BlockSeries gates;
  /** Gates 0 and 1 as one array (a full batch activates both at once). */
  final INDArray firstTwoGates;
  final BlockSeries recurrent;
  final BlockSeries saved;
  final BlockSeries tmp;
  final INDArray ones;
  /** The preactivations [capacity, G*H], gates side by side. */
  final INDArray rowGates;
  /** {@link #rowGates} as [rows, G*H] views (cached per row count). */
  final BlockSeries rowGateRows;
  /** The recurrent parts [capacity, G*H] (separate-recurrent cells only). */
  final INDArray rowRecurrent;
  /**
   * The recurrent product {@code h Wh} [capacity, G*H] computed ahead of the step by {@link
   * RecurrentLayer#recurrentAhead} (cells without a separate recurrent part; made on first use).
   */
  BlockSeries ahead;
  /** Rows of the recurrent part computed ahead for the next step, or -1 when there is none. */
  int aheadRows = -1;
  /** Scratch of {@link #addAhead} (float buffers; made on first use). */
  private float[] aheadFloats;
  private float[] gateFloats;
  final int[] identity;
  /** Row views handed to the cell: all rows, or the two halves. */
  final CellRows[] rows = new CellRows[2];
  /** Row count of the split step, and the halves of its states (cached per state view). */
  private int halfBatch;
  private INDArray hKey;
  private INDArray cKey;
  private final INDArray[] hHalves = new INDArray[2];
  private final INDArray[] cHalves = new INDArray[2];
  /** The cell of one half of a split step (no allocation per step). */
  final Halves.Work cellHalf;

  StepBuffers(DataType dataType, RecurrentCell cell, int hidden, int capacity) {
    this.capacity = capacity;
    this.cell = cell;
    int g = cell.gates();
    int rec = cell.separateRecurrent() ? g : 0;
    long block = (long) capacity * hidden;
    this.rowGates = Nd4j.create(dataType, g * block);
    this.rowGateRows = new BlockSeries(rowGates, 0, 1, capacity, g * hidden);
    this.rowRecurrent = rec == 0 ? null : Nd4j.create(dataType, rec * block);
    this.identity = new int[capacity];
    for (int r = 0; r < capacity; r++) {
      identity[r] = r;
    }
    int sv = cell.savedBlocks();
    INDArray buffer = Nd4j.create(dataType, (g + rec + sv + 1) * block);
    this.gates = new BlockSeries(buffer, 0, g, capacity, hidden);
    this.firstTwoGates = g >= 2 ? gates.span(0, 2) : null;
    this.recurrent = rec == 0 ? null : new BlockSeries(buffer, g * block, rec, capacity, hidden);
    this.saved = sv == 0 ? null
        : new BlockSeries(buffer, (g + rec) * block, sv, capacity, hidden);
    this.tmp = new BlockSeries(buffer, (g + rec + sv) * block, 1, capacity, hidden);
    this.ones = Nd4j.ones(dataType, capacity);
    rows[0] = new CellRows(cell);
    rows[1] = new CellRows(cell);
    cellHalf = half -> cell.forward(fill(half, halfBatch, hHalves[half], cHalves[half]));
  }

  /**
   * Drops the recurrent part computed ahead ({@link RecurrentLayer#recurrentAhead}), e.g. after
   * the rows of the state were reordered: the next step computes it itself.
   */
  public void forgetRecurrentAhead() {
    aheadRows = -1;
  }

  /**
   * rowGates[0, n) += ahead[0, n): in Java, element by element (the same sums as an elementwise
   * kernel; for one row of 2,048 a native call costs more than the additions).
   */
  void addAhead(int n) {
    if (rowGates.dataType() == DataType.FLOAT) {
      if (aheadFloats == null || aheadFloats.length < n) {
        aheadFloats = new float[n];
        gateFloats = new float[n];
      }
      NativeMemory.read(rowGates, 0, gateFloats, 0, n);
      NativeMemory.read(ahead.buffer(), 0, aheadFloats, 0, n);
      for (int i = 0; i < n; i++) {
        gateFloats[i] += aheadFloats[i];
      }
      NativeMemory.write(rowGates, 0, gateFloats, 0, n);
    } else {
      ArrayOps.addi(rowGateRows.head(0, n / rowGateRows.cols()),
          ahead.head(0, n / ahead.cols()));
    }
  }

  /** Largest batch these buffers serve. */
  public int capacity() {
    return capacity;
  }

  /** Runs the cell on the first n rows, states updated in place; in two halves when worth it. */
  void runCell(int n, INDArray hState, INDArray cState) {
    if (n > 1 && Halves.worthIt((long) n * gates.cols())) {
      prepareHalves(n, hState, cState);
      Halves.run(true, cellHalf);
      return;
    }
    CellRows s = fill(-1, n, hState, cState);
    s.firstTwoGates = n == capacity ? firstTwoGates : null;
    cell.forward(s);
  }

  private CellRows fill(int half, int n, INDArray h, INDArray c) {
    CellRows s = rows[half < 0 ? 0 : half];
    for (int k = 0; k < s.gates.length; k++) {
      s.gates[k] = RecurrentLayer.rows(gates, k, n, half);
    }
    for (int k = 0; k < s.recurrent.length; k++) {
      s.recurrent[k] = RecurrentLayer.rows(recurrent, k, n, half);
    }
    for (int k = 0; k < s.saved.length; k++) {
      s.saved[k] = RecurrentLayer.rows(saved, k, n, half);
    }
    s.firstTwoGates = null;
    s.hPrev = h;
    s.hNext = h;
    s.cPrev = c;
    s.cNext = c;
    s.tmp = RecurrentLayer.rows(tmp, 0, n, half);
    return s;
  }

  /**
   * Readies a split step of n rows: the states' halves are views made once per state array
   * (decoding passes the same cached views step after step).
   */
  private void prepareHalves(int n, INDArray hState, INDArray cState) {
    if (n != halfBatch || hState != hKey || cState != cKey) {
      halves(hState, n, hHalves);
      if (cState != null) {
        halves(cState, n, cHalves);
      }
      hKey = hState;
      cKey = cState;
      halfBatch = n;
    }
  }

  private static void halves(INDArray x, int n, INDArray[] out) {
    out[0] = x.get(NDArrayIndex.interval(0, n / 2), NDArrayIndex.all());
    out[1] = x.get(NDArrayIndex.interval(n / 2, n), NDArrayIndex.all());
  }
}
