package dev.assay.gateway.e2e;

/** A user of the end-to-end tests, created from {@code assay.users}. */
record User(String name, String password) {

    static final User ALICE = new User("alice", "alice-secret-1");
    static final User BOB = new User("bob", "bob-secret-2");
    static final User CAROL = new User("carol", "carol-secret-3");

    /** The {@code assay.users} value that creates the test users. */
    static String assayUsers() {
        return String.join(",", ALICE.entry(), BOB.entry(), CAROL.entry());
    }

    private String entry() {
        return name + ":" + password;
    }
}
