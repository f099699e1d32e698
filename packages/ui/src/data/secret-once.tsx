import { useState } from "react";
import { Alert } from "../feedback/alert.tsx";

/** A secret the server shows exactly once (API key, webhook signing secret), with a copy button. */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="space-y-2">
      <Alert tone="warning" title="Copy it now">
        This is the only time MailFlow shows this {label}. It is stored hashed or sealed and cannot be shown again.
      </Alert>
      <div className="flex gap-2">
        <input
          readOnly
          aria-label={label}
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md bg-slate-50 px-2.5 py-1.5 font-mono text-xs ring-1 ring-slate-300"
        />
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-md bg-slate-800 px-3 py-1.5 text-xs font-medium text-white hover:bg-slate-700"
        >
          {copied === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" ? (
        <p className="text-xs text-red-600">The browser refused the clipboard: select the text and copy it.</p>
      ) : null}
    </div>
  );
}
