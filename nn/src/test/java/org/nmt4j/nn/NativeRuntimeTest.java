package org.nmt4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeRuntimeTest {
  @Test
  void setsOpenMpVariablesInTheNativeEnvironmentUnlessTheUserDid() {
    NativeRuntime.init();
    NativeRuntime.init(); // idempotent
    String policy = System.getenv("OMP_WAIT_POLICY");
    assertEquals(policy != null ? policy : "PASSIVE", NativeRuntime.nativeEnv("OMP_WAIT_POLICY"));
    String threads = System.getenv("OMP_NUM_THREADS");
    assertEquals(threads != null ? threads
        : Integer.toString(Runtime.getRuntime().availableProcessors()),
        NativeRuntime.nativeEnv("OMP_NUM_THREADS"));
  }

  @Test
  void readsAnUnsetVariableAsNull() {
    assertEquals(null, NativeRuntime.nativeEnv("NMT4J_SURELY_UNSET_VARIABLE"));
  }
}
