package org.gantry.itests.jglobus;

import java.io.File;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;

import org.globus.ftp.ByteRange;
import org.globus.ftp.DataChannelAuthentication;
import org.globus.ftp.ByteRangeList;
import org.globus.ftp.FileRandomIO;
import org.globus.ftp.GridFTPClient;
import org.globus.ftp.GridFTPRestartMarker;
import org.globus.ftp.GridFTPSession;
import org.globus.ftp.HostPort;
import org.globus.ftp.Marker;
import org.globus.ftp.MarkerListener;
import org.globus.ftp.MlsxEntry;
import org.globus.ftp.PerfMarker;
import org.globus.ftp.RetrieveOptions;
import org.globus.ftp.Session;

/**
 * A jGlobus 2.1 client for JGlobusIT. It is compiled and run by the test in a child JVM, so that
 * jGlobus (and its old logging and crypto jars) never enters the Maven test classpath.
 *
 * <pre>usage: JGlobusClient HOST PORT STEP...
 *   size REMOTE                 SIZE            -> "OK size REMOTE n"
 *   mlsd REMOTE_DIR             stream mode     -> "OK mlsd NAME TYPE SIZE" per entry
 *   eget REMOTE LOCAL STREAMS   MODE E ERET     -> "OK eget REMOTE n"
 *   eput LOCAL REMOTE STREAMS   MODE E ESTO     -> "OK eput REMOTE perf=.. perfBytes=.. ranges=.."</pre>
 *
 * One session (anonymous, or GSI with {@code -Dgantry.gsi=true}) runs all steps in order; the
 * first failing step prints "FAILED ..." and the exit code is 1.
 */
public final class JGlobusClient {

    private final GridFTPClient client;

    private JGlobusClient(GridFTPClient client) {
        this.client = client;
    }

    public static void main(String[] args) {
        List<List<String>> steps;
        try {
            steps = parseSteps(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.out.println("FAILED usage: " + e.getMessage());
            System.exit(2);
            return;
        }
        String current = "login";
        try {
            GridFTPClient ftp = new GridFTPClient(args[0], Integer.parseInt(args[1]));
            if (Boolean.getBoolean("gantry.gsi")) {
                // GSI with the proxy named by -DX509_USER_PROXY; data channels stay clear (DCAU N).
                ftp.authenticate(null);
                ftp.setDataChannelAuthentication(DataChannelAuthentication.NONE);
            } else {
                ftp.authorize("anonymous", "jglobus@");
            }
            // jGlobus assumes DCAU A on its own side unless told otherwise; anonymous has no credential.
            ftp.setLocalNoDataChannelAuthentication();
            ftp.setType(Session.TYPE_IMAGE);
            JGlobusClient probe = new JGlobusClient(ftp);
            for (List<String> step : steps) {
                current = String.join(" ", step);
                probe.run(step);
            }
            current = "close";
            ftp.close();
        } catch (Exception e) {
            System.out.println("FAILED " + current + ": " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    /** Splits HOST PORT STEP... into steps (verb plus its arguments). */
    private static List<List<String>> parseSteps(List<String> args) {
        if (args.size() < 3) {
            throw new IllegalArgumentException("JGlobusClient HOST PORT STEP...");
        }
        List<List<String>> steps = new ArrayList<>();
        for (int i = 2; i < args.size();) {
            int arity = switch (args.get(i)) {
                case "size", "mlsd" -> 1;
                case "eget", "eput" -> 3;
                default -> throw new IllegalArgumentException("unknown step " + args.get(i));
            };
            if (i + arity >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs " + arity + " argument(s)");
            }
            steps.add(args.subList(i, i + arity + 1));
            i += arity + 1;
        }
        return steps;
    }

    private void run(List<String> step) throws Exception {
        switch (step.get(0)) {
            case "size" -> System.out.println("OK size " + step.get(1) + " " + client.getSize(step.get(1)));
            case "mlsd" -> mlsd(step.get(1));
            case "eget" -> extendedGet(step.get(1), new File(step.get(2)), Integer.parseInt(step.get(3)));
            case "eput" -> extendedPut(new File(step.get(1)), step.get(2), Integer.parseInt(step.get(3)));
            default -> throw new IllegalStateException("unreachable: " + step);
        }
    }

    private void mlsd(String dir) throws Exception {
        client.setMode(GridFTPSession.MODE_STREAM);
        client.setPassive();
        client.setLocalActive();
        Vector<?> entries = client.mlsd(dir);
        for (Object o : entries) {
            MlsxEntry entry = (MlsxEntry) o;
            System.out.println("OK mlsd " + entry.getFileName() + " " + entry.get(MlsxEntry.TYPE) + " "
                    + entry.get(MlsxEntry.SIZE));
        }
    }

    /** ERET P 0 size: the server is the sender, so it is the active side (we listen, it gets PORT). */
    private void extendedGet(String remote, File local, int streams) throws Exception {
        long size = client.getSize(remote);
        client.setMode(GridFTPSession.MODE_EBLOCK);
        client.setOptions(new RetrieveOptions(streams));
        HostPort listening = client.setLocalPassive();
        client.setActive(listening);
        try (RandomAccessFile file = new RandomAccessFile(local, "rw")) {
            file.setLength(0);
            client.extendedGet(remote, size, new FileRandomIO(file), null);
        }
        System.out.println("OK eget " + remote + " " + local.length());
    }

    /** ESTO A 0: we send, so the server is passive; markers from the server are reported. */
    private void extendedPut(File local, String remote, int streams) throws Exception {
        client.setMode(GridFTPSession.MODE_EBLOCK);
        // Also sets the number of connections jGlobus opens when it is the sender.
        client.setOptions(new RetrieveOptions(streams));
        client.setPassive();
        client.setLocalActive();
        Markers markers = new Markers();
        try (RandomAccessFile file = new RandomAccessFile(local, "r")) {
            client.extendedPut(remote, new FileRandomIO(file), markers);
        }
        System.out.println("OK eput " + remote + " " + markers);
    }

    /** Collects 112 perf and 111 range markers. */
    private static final class Markers implements MarkerListener {
        private final ByteRangeList ranges = new ByteRangeList();
        private int perf;
        private long perfBytes = -1;

        @Override
        public synchronized void markerArrived(Marker marker) {
            try {
                if (marker instanceof PerfMarker p) {
                    perf++;
                    if (p.hasStripeBytesTransferred()) {
                        perfBytes = p.getStripeBytesTransferred();
                    }
                } else if (marker instanceof GridFTPRestartMarker r) {
                    for (Object range : r.toVector()) {
                        ranges.merge((ByteRange) range);
                    }
                }
            } catch (Exception e) {
                System.out.println("bad marker " + marker + ": " + e);
            }
        }

        @Override
        public synchronized String toString() {
            String list = ranges.toFtpCmdArgument();
            return "perf=" + perf + " perfBytes=" + perfBytes + " ranges=" + (list == null || list.isEmpty() ? "none" : list);
        }
    }
}
