package org.neuroloop.lsl4j.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Parsing of {@code /proc/.../stat}; reading a live thread's class is covered by {@link RealtimeThreadsTest}. */
class ThreadSchedulingTest {

    @Test
    void readsThePolicyAndPriorityFieldsAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid ... field 40 is the real-time priority, 41 the policy; this comm holds ") (" on purpose
        StringBuilder line = new StringBuilder("1234 (a) (b c) S");
        for (int field = 4; field <= 39; field++) {
            line.append(' ').append(field);
        }
        assertEquals(5, ThreadScheduling.policy(line + " 0 5 0 0 0"));
        assertEquals("SCHED_IDLE", ThreadScheduling.describe(line + " 0 5 0 0 0"));
        assertEquals("SCHED_FIFO 7", ThreadScheduling.describe(line + " 7 1 0 0 0"));
        assertEquals("SCHED_OTHER", ThreadScheduling.describe(line + " 0 0 0 0 0"));
    }
}
