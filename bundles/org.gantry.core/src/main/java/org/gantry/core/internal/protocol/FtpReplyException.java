package org.gantry.core.internal.protocol;

/**
 * Thrown by commands (also as the failure of a stage) to answer with a specific reply. Exactly
 * one place, the command dispatcher, turns it into the reply on the wire.
 */
public class FtpReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    public FtpReplyException(Reply reply) {
        this(reply, null);
    }

    public FtpReplyException(Reply reply, Throwable cause) {
        super(reply.code() + " " + reply.text(), cause, false, false);
        this.reply = reply;
    }

    public FtpReplyException(int code, String text) {
        this(Reply.of(code, text));
    }

    public Reply reply() {
        return reply;
    }
}
