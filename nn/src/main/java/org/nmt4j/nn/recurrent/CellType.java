package org.nmt4j.nn.recurrent;

import java.util.List;

/** The recurrent cells a layer can use, by their config name. */
public enum CellType {
  /** Long short-term memory, gates i, f, g, o; state (h, c). */
  LSTM("lstm", new LstmCell()),
  /** Gated recurrent unit, gates r, z, n (reset on the recurrent product); state h. */
  GRU("gru", new GruCell()),
  /** Vanilla (Elman) tanh RNN; state h. */
  RNN("rnn", new RnnCell());

  /** The config names, in declaration order. */
  public static final List<String> NAMES = List.of("lstm", "gru", "rnn");

  private final String id;
  private final RecurrentCell cell;

  CellType(String id, RecurrentCell cell) {
    this.id = id;
    this.cell = cell;
  }

  /**
   * The cell named {@code value}.
   *
   * @param key the option being read, for the message (e.g. {@code encoder.cell})
   * @throws IllegalArgumentException naming the key and the valid names
   */
  public static CellType of(String key, String value) {
    for (CellType c : values()) {
      if (c.id.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException(key + " must be one of " + String.join(", ", NAMES)
        + ", got '" + value + "'");
  }

  /** The config name ({@code lstm}, {@code gru}, {@code rnn}). */
  public String id() {
    return id;
  }

  /** Number of gate blocks G (weights are [in, G*H] and [H, G*H]). */
  public int gates() {
    return cell.gates();
  }

  /** Whether the state has a cell part c besides h (only the LSTM). */
  public boolean hasCellState() {
    return cell.hasCellState();
  }

  RecurrentCell cell() {
    return cell;
  }
}
