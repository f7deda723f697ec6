package dev.assay.gateway.job;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The order in which waiting jobs are dispatched: round robin between the users who have waiting jobs, the user
 * whose last dispatch is oldest (or who never had one) first, each user's jobs oldest first. A user at the per-user
 * cap of jobs in flight is passed over. Pure logic, no I/O.
 */
final class FairOrder {

    /** Whose turn comes first: never dispatched, then dispatched longest ago; ties by name, so the order is stable. */
    static final Comparator<Owner> TURN = Comparator
            .comparing(Owner::lastDispatchedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Owner::name);

    /**
     * A user with waiting jobs.
     *
     * @param name             the user
     * @param waiting          jobs accepted and not yet dispatched
     * @param inFlight         jobs dispatched and not finished (chunk tasks of a job count here too)
     * @param lastDispatchedAt when a job of this user was last dispatched; null if never
     */
    record Owner(String name, long waiting, long inFlight, Instant lastDispatchedAt) {
    }

    private FairOrder() {
    }

    /**
     * The users whose next waiting job is dispatched now, one entry per job, in dispatch order.
     *
     * @param owners     the users with waiting jobs
     * @param slots      how many jobs the fleet can take now
     * @param perUserCap most jobs in flight per user; 0 for no cap
     */
    static List<String> plan(List<Owner> owners, int slots, int perUserCap) {
        Deque<Turn> turns = new ArrayDeque<>();
        owners.stream().sorted(TURN).map(Turn::new).forEach(turns::add);
        List<String> plan = new ArrayList<>(slots);
        while (plan.size() < slots && !turns.isEmpty()) {
            Turn turn = turns.poll();
            if (turn.waiting == 0 || (perUserCap > 0 && turn.inFlight >= perUserCap)) {
                continue;
            }
            plan.add(turn.name);
            turn.waiting--;
            turn.inFlight++;
            turns.add(turn);
        }
        return plan;
    }

    /**
     * The 1-based place of a user's waiting job among all waiting jobs under this order, ignoring per-user caps and
     * jobs accepted later: each user whose turn comes earlier dispatches up to {@code rank} jobs before it, each
     * user whose turn comes later up to {@code rank - 1}.
     *
     * @param owners the users with waiting jobs, the job's owner among them
     * @param owner  the job's owner
     * @param rank   the job's 1-based place among its owner's waiting jobs
     */
    static long placeAmongWaiting(List<Owner> owners, Owner owner, long rank) {
        long place = rank;
        for (Owner other : owners) {
            if (!other.name().equals(owner.name())) {
                long before = TURN.compare(other, owner) < 0 ? rank : rank - 1;
                place += Math.min(other.waiting(), before);
            }
        }
        return place;
    }

    /** A user's standing while a plan is made. */
    private static final class Turn {
        final String name;
        long waiting;
        long inFlight;

        Turn(Owner owner) {
            this.name = owner.name();
            this.waiting = owner.waiting();
            this.inFlight = owner.inFlight();
        }
    }
}
