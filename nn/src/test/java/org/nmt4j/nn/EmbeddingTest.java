package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.nn.ops.MatrixRef;

class EmbeddingTest {
  static Parameters params(DataType type) {
    Parameters.Builder b = Parameters.builder(type);
    b.add("other", 3);
    Embedding.declare(b, "emb", 6, 4);
    Parameters p = b.build();
    new Embedding(p, "emb", 6, 4).initialise(new InitConfig("uniform", 1, false, false),
        Initialisers.generator(3));
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void forwardCopiesRowsAndBackwardAccumulatesRepeatedIds(String typeName) {
    DataType type = DataType.valueOf(typeName);
    Parameters p = params(type);
    Embedding e = new Embedding(p, "emb", 6, 4);
    int[] ids = {2, 5, 2, 0, 2};
    INDArray out = Nd4j.create(type, 5, 4);
    e.forward(ids, 5, MatrixRef.of(out));
    for (int i = 0; i < 5; i++) {
      assertEquals(e.table().getRow(ids[i]), out.getRow(i));
    }
    Nd4j.getRandom().setSeed(1);
    INDArray d = Nd4j.rand(DataType.DOUBLE, 5, 4).castTo(type);
    e.backward(ids, 5, MatrixRef.of(d), false);
    INDArray g = p.gradient("emb");
    double tol = type == DataType.FLOAT ? 1e-6 : 1e-15;
    for (int j = 0; j < 4; j++) {
      assertEquals(d.getDouble(0, j) + d.getDouble(2, j) + d.getDouble(4, j), g.getDouble(2, j), tol);
      assertEquals(d.getDouble(1, j), g.getDouble(5, j), tol);
      assertEquals(d.getDouble(3, j), g.getDouble(0, j), tol);
      assertEquals(0.0, g.getDouble(1, j), 0.0);
    }
    // accumulate adds on top; overwrite replaces
    e.backward(ids, 5, MatrixRef.of(d), true);
    assertEquals(2 * d.getDouble(1, 0), g.getDouble(5, 0), 10 * tol);
    e.backward(new int[] {1}, 1, MatrixRef.of(d.getRow(0).reshape(1, 4).dup()), false);
    assertEquals(0.0, g.getDouble(5, 0), 0.0);
    assertEquals(d.getDouble(0, 0), g.getDouble(1, 0), tol);
    assertEquals(0.0, p.gradient("other").amaxNumber().doubleValue(), 0.0);
  }

  @Test
  void rejectsIdsOutsideTheTable() {
    Parameters p = params(DataType.FLOAT);
    Embedding e = new Embedding(p, "emb", 6, 4);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> e.forward(new int[] {1, 6}, 2, MatrixRef.of(Nd4j.create(DataType.FLOAT, 2, 4))));
    assertTrue(ex.getMessage().contains("id 6"), ex.getMessage());
  }
}
