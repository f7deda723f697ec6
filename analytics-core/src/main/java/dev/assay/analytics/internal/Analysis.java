package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.ProgressListener;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The engine behind the public API of {@code dev.assay.analytics}. Not an API: use
 * {@link dev.assay.analytics.Analytics}.
 */
public final class Analysis {

    private Analysis() {
    }

    /** Decisions about one input, made from its first bytes. Immutable. */
    public static final class Detection {
        final Plan plan;
        final AnalysisOptions options;

        Detection(Plan plan, AnalysisOptions options) {
            this.plan = plan;
            this.options = options;
        }

        public boolean splittable() {
            return plan.splittable();
        }

        public String kind() {
            return plan.kind;
        }

        public AnalysisOptions options() {
            return options;
        }
    }

    /** Counted state of one piece of input. Not thread-safe. */
    public static final class State {
        final Plan plan;
        final Accumulator acc;

        State(Plan plan, Accumulator acc) {
            this.plan = plan;
            this.acc = acc;
        }

        /** Adds {@code next}, the piece that follows this one in the file; both are consumed. */
        public State merge(State next) {
            acc.merge(next.acc);
            return this;
        }

        public AnalysisResult toResult() {
            return Results.build(plan, acc);
        }

        public long records() {
            return acc.records;
        }

        /** Writes this state in the form {@link #readState} reads (see {@link StateCodec}). */
        public void writeTo(OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            StateCodec.writeHeader(data, plan);
            acc.writeTo(data);
            data.flush();
        }

        public long lines() {
            return acc.lines;
        }
    }

    public static Detection detect(InputStream head, AnalysisOptions options) throws AnalysisException {
        try {
            Source source = Source.open(head, options, null);
            return new Detection(Sniffer.plan(source, options), options);
        } catch (IOException e) {
            throw new AnalysisException(AnalysisException.Reason.IO_ERROR, "Reading the input failed: " + e.getMessage(), e);
        }
    }

    public static State analyze(InputStream in, AnalysisOptions options, ProgressListener listener)
            throws AnalysisException {
        Source source;
        try {
            source = Source.open(in, options, null);
        } catch (IOException e) {
            throw new AnalysisException(AnalysisException.Reason.IO_ERROR, "Reading the input failed: " + e.getMessage(), e);
        }
        Plan plan = Sniffer.plan(source, options);
        return new State(plan, Engine.run(source, plan, options, listener, true));
    }

    /** Reads a state written by {@link State#writeTo} for a piece of the file this detection was made on. */
    public static State readState(InputStream in, Detection detection) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        StateCodec.readHeader(data, detection.plan);
        Accumulator acc = Accumulator.forPlan(detection.plan, detection.options);
        acc.readFrom(data);
        return new State(detection.plan, acc);
    }

    public static State analyzeChunk(InputStream chunk, Detection detection, boolean first, ProgressListener listener)
            throws AnalysisException {
        Source source;
        try {
            source = Source.open(chunk, detection.options, detection.plan);
        } catch (IOException e) {
            throw new AnalysisException(AnalysisException.Reason.IO_ERROR, "Reading the input failed: " + e.getMessage(), e);
        }
        return new State(detection.plan, Engine.run(source, detection.plan, detection.options, listener, first));
    }
}
