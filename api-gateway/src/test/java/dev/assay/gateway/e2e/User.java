package dev.assay.gateway.e2e;

/** A user of the end-to-end tests, created from {@code assay.users}; carol is an administrator. */
record User(String name, String password, String role) {

    static final User ALICE = new User("alice", "alice-secret-1", "USER");
    static final User BOB = new User("bob", "bob-secret-2", "USER");
    static final User CAROL = new User("carol", "carol-secret-3", "ADMIN");

    /** The {@code assay.users} value that creates the test users. */
    static String assayUsers() {
        return String.join(",", ALICE.entry(), BOB.entry(), CAROL.entry());
    }

    private String entry() {
        return name + ":" + password + ":" + role;
    }
}
