package mlb.kernel.nft;

import mlb.kernel.KernelError;

/** A failed nft call, classified by its words for the exit code. */
final class NftErrors {
    private NftErrors() {
    }

    static KernelError from(String what, String stderr) {
        String err = stderr.strip();
        if (err.contains("Operation not permitted") || err.contains("Permission denied")) {
            return new KernelError(KernelError.Reason.NOT_PERMITTED, what + ": " + err + " (run as root)");
        }
        if (err.contains("Protocol not supported") || err.contains("nf_tables")) {
            return new KernelError(KernelError.Reason.MISSING_TOOL, what + ": " + err
                    + " (this kernel has no nf_tables: load the nf_tables module, or use mode = \"route\")");
        }
        return KernelError.from(what, err);
    }
}
