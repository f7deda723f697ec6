package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FairOrderTest {

    private static FairOrder.Owner owner(String name, long waiting, long inFlight, Integer lastDispatchSecond) {
        return new FairOrder.Owner(name, waiting, inFlight,
                lastDispatchSecond == null ? null : T0.plusSeconds(lastDispatchSecond));
    }

    @Test
    void usersTakeTurnsOneJobEachTheUserDispatchedLongestAgoFirst() {
        List<FairOrder.Owner> owners = List.of(
                owner("ann", 300, 4, 50),
                owner("bob", 2, 0, 10),
                owner("cid", 1, 0, 30));

        assertThat(FairOrder.plan(owners, 6, 0)).containsExactly("bob", "cid", "ann", "bob", "ann", "ann");
    }

    @Test
    void aUserNeverDispatchedGoesFirst() {
        List<FairOrder.Owner> owners = List.of(owner("ann", 300, 8, 50), owner("zoe", 1, 0, null));

        assertThat(FairOrder.plan(owners, 1, 0)).containsExactly("zoe");
    }

    @Test
    void noMoreJobsThanSlotsOrWaitingJobs() {
        List<FairOrder.Owner> owners = List.of(owner("ann", 2, 0, 1), owner("bob", 1, 0, 2));

        assertThat(FairOrder.plan(owners, 0, 0)).isEmpty();
        assertThat(FairOrder.plan(owners, 10, 0)).containsExactly("ann", "bob", "ann");
    }

    @Test
    void aUserAtThePerUserCapIsPassedOverAndTheSlotsGoToOthers() {
        List<FairOrder.Owner> owners = List.of(owner("ann", 300, 2, 1), owner("bob", 300, 1, 2));

        assertThat(FairOrder.plan(owners, 5, 3)).containsExactly("ann", "bob", "bob");
        assertThat(FairOrder.plan(List.of(owner("ann", 300, 3, 1)), 5, 3)).as("ann alone at the cap").isEmpty();
        assertThat(FairOrder.plan(List.of(owner("ann", 300, 3, 1)), 5, 0)).as("no cap").hasSize(5);
    }

    @Test
    void aWaitingJobsPlaceIsWhereThePlanWouldDispatchIt() {
        List<FairOrder.Owner> owners = List.of(
                owner("ann", 7, 0, 5),
                owner("bob", 2, 0, 1),
                owner("cid", 4, 0, null));
        List<String> plan = FairOrder.plan(owners, 13, 0);

        for (FairOrder.Owner owner : owners) {
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                if (plan.get(i).equals(owner.name())) {
                    places.add(i + 1);
                }
            }
            for (int rank = 1; rank <= owner.waiting(); rank++) {
                assertThat(FairOrder.placeAmongWaiting(owners, owner, rank))
                        .as("%s's job %d", owner.name(), rank).isEqualTo((long) places.get(rank - 1));
            }
        }
        assertThat(FairOrder.placeAmongWaiting(owners, owners.get(1), 1)).as("bob's first, after cid's first")
                .isEqualTo(2);
    }
}
