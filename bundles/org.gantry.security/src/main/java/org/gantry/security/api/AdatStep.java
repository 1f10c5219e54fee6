package org.gantry.security.api;

/**
 * The acceptor's answer to one ADAT token.
 *
 * @param token    the token to send back (may be empty)
 * @param complete the context is established: answer 235, else 335
 */
public record AdatStep(byte[] token, boolean complete) {

    public AdatStep {
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }
}
