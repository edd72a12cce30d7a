package org.neuroloop.bench.lsl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link LiblslPeerProcess}: {@code FROM TO CHANNELS RATE SECONDS WARMUP CHUNK TPUT_SECONDS}
 * ({@code FROM}/{@code TO}: lsl4j or liblsl); prints one line {@value #RESULT}{@code {"one_hop": ..., "throughput":
 * ...}} and exits 0.
 */
public final class LslPairMain {
    static final String RESULT = "@@RESULT ";

    /** What each pair measures. */
    public record Settings(
            int channels, double rate, double seconds, double warmupSeconds, int chunk, double throughputSeconds) {
        List<String> args() {
            return List.of(
                    Integer.toString(channels),
                    Double.toString(rate),
                    Double.toString(seconds),
                    Double.toString(warmupSeconds),
                    Integer.toString(chunk),
                    Double.toString(throughputSeconds));
        }
    }

    private LslPairMain() {}

    public static void main(String[] args) throws Exception {
        LslEndpoints from = LslEndpoints.of(args[0]);
        LslEndpoints to = LslEndpoints.of(args[1]);
        Settings s = new Settings(
                Integer.parseInt(args[2]),
                Double.parseDouble(args[3]),
                Double.parseDouble(args[4]),
                Double.parseDouble(args[5]),
                Integer.parseInt(args[6]),
                Double.parseDouble(args[7]));
        LslPairBenchmark b = new LslPairBenchmark(from, to);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("one_hop", b.oneHop(s.channels(), s.rate(), s.seconds(), s.warmupSeconds()));
        out.put("throughput", b.throughput(s.channels(), s.chunk(), s.throughputSeconds()));
        System.out.println(RESULT + new ObjectMapper().writeValueAsString(out));
        System.out.flush();
        System.exit(0);
    }
}
