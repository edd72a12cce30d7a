package org.neuroloop.dsp.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.FilterKind;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.IirNotch;

/**
 * One filter of a session's causal chain, as configured, before the stream's rate is known: a Butterworth of
 * {@code order} (scipy's N) or an {@code iirnotch} at {@code lowHz} with quality {@code q}.
 *
 * @param kind response type
 * @param order Butterworth order (ignored for a notch)
 * @param lowHz lower edge / high-pass cut-off / notch centre; NaN when unused
 * @param highHz upper edge / low-pass cut-off; NaN when unused
 * @param q notch quality factor (ignored otherwise)
 */
public record FilterStage(FilterKind kind, int order, double lowHz, double highHz, double q) implements Serializable {

    public static FilterStage bandpass(int order, double lowHz, double highHz) {
        return new FilterStage(FilterKind.BANDPASS, order, lowHz, highHz, Double.NaN);
    }

    public static FilterStage notch(double freqHz, double q) {
        return new FilterStage(FilterKind.NOTCH, 2, freqHz, Double.NaN, q);
    }

    /** The design at sampling rate {@code fs}; an impossible design fails naming the stage. */
    public IirFilter design(double fs) {
        return switch (kind) {
            case LOWPASS -> Butterworth.lowpass(order, highHz, fs);
            case HIGHPASS -> Butterworth.highpass(order, lowHz, fs);
            case BANDPASS -> Butterworth.bandpass(order, lowHz, highHz, fs);
            case BANDSTOP -> Butterworth.bandstop(order, lowHz, highHz, fs);
            case NOTCH -> IirNotch.design(lowHz, q, fs);
        };
    }

    /**
     * The stages as one cascade of second-order sections at rate {@code fs}: the sections of each stage in
     * order, which filters exactly like running the stages one after another.
     */
    public static IirFilter cascade(List<FilterStage> stages, double fs) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("filter cascade needs at least one stage");
        }
        if (stages.size() == 1) {
            return stages.get(0).design(fs);
        }
        List<double[]> sections = new ArrayList<>();
        for (FilterStage s : stages) {
            IirFilter d = s.design(fs);
            for (double[] row : d.sections()) {
                sections.add(row);
            }
        }
        IirFilter first = stages.get(0).design(fs);
        return new IirFilter(
                sections.toArray(double[][]::new),
                first.kind(),
                first.lowHz(),
                first.highHz(),
                sections.size() * 2,
                "cascade",
                fs);
    }
}
