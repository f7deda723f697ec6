package dev.assay.worker.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;

/** Keeps every event it accepts; can be told to refuse terminal events, and to accept them again. */
final class RecordingEventSink implements EventSink {

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean refuseTerminal;

    @Override
    public void publish(JobEvent event) throws Exception {
        if (refuseTerminal && event.status().isTerminal()) {
            throw new IllegalStateException("broker did not confirm");
        }
        events.add(event);
    }

    void refuseTerminalEvents() {
        refuseTerminal = true;
    }

    void acceptTerminalEvents() {
        refuseTerminal = false;
    }

    List<JobEvent> events() {
        return List.copyOf(events);
    }

    List<JobEvent> progressEvents() {
        return events.stream().filter(e -> e.status() == JobStatus.PROCESSING).toList();
    }
}
