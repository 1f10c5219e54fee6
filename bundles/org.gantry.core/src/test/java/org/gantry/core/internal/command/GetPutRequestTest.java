package org.gantry.core.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetPutRequestTest {

    @Test
    void parsesTheGlobusClientsPassiveForm() {
        GetPutRequest r = GetPutRequest.parse("path=/srv/a/hello.txt;pasv;");
        assertEquals("/srv/a/hello.txt", r.path());
        assertTrue(r.pasv());
        assertEquals(Optional.empty(), r.port());
        assertEquals(Optional.empty(), r.mode());
    }

    @Test
    void parametersComeInAnyOrderWithModeAndUnknownKeywords() {
        GetPutRequest r = GetPutRequest.parse("mode=e;tid=7;port=127,0,0,1,215,181;cksum=NONE;path=/x y;future=1;");
        assertEquals("/x y", r.path(), "spaces belong to the value");
        assertFalse(r.pasv());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 215 * 256 + 181)), r.port());
        assertEquals(Optional.of('E'), r.mode());
    }

    @Test
    void fileIsTheDraftsNameForPathAndTheLastSemicolonMayBeMissing() {
        assertEquals("/d/f", GetPutRequest.parse("file=/d/f").path());
        assertEquals("/d/f", GetPutRequest.parse("pasv;PATH=/d/f;").path(), "keywords are case-insensitive");
    }

    @Test
    void noDataChannelParameterKeepsTheSessionsSetup() {
        GetPutRequest r = GetPutRequest.parse("path=/f;");
        assertFalse(r.pasv());
        assertEquals(Optional.empty(), r.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";", "pasv;", "path=;pasv;", "path;", "mode=E;port=127,0,0,1,4,1;"})
    void aMissingPathIs501(String argument) {
        assertReply(501, "Missing path", argument);
    }

    @Test
    void pasvAndPortTogetherAre501() {
        assertReply(501, "both", "path=/f;pasv;port=127,0,0,1,4,1;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"port=127,0,0,1,4;", "port=127,0,0,1,4,256;", "port=a,b,c,d,e,f;", "port=;",
        "port=127,0,0,1,0,21;", "port=300,0,0,1,4,1;"})
    void malformedOrPrivilegedPortsAre501(String port) {
        assertReply(501, "port", "path=/f;" + port);
    }

    @Test
    void modeXIs504AndUnknownModes501() {
        assertReply(504, "MODE X", "path=/f;mode=X;");
        assertReply(501, "mode", "path=/f;mode=B;");
    }

    private static void assertReply(int code, String text, String argument) {
        FtpReplyException e = assertThrows(FtpReplyException.class, () -> GetPutRequest.parse(argument), argument);
        assertEquals(code, e.reply().code(), argument);
        assertTrue(String.join(" ", e.reply().lines()).contains(text), argument + " -> " + e.reply().lines());
    }
}
