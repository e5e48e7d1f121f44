"use client";
// The Export dialog's download as a React Query mutation: pending/error/success states come from the
// cache machinery; only the byte/row progress (not server data) is component state.
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { FilterInput, Format } from "@/lib/core/filters";
import { downloadExport, saveBlob, type ExportProgress } from "./export-download";

export function useExportDownload(appId: string, query: string) {
  const [progress, setProgress] = useState<ExportProgress>({ bytes: 0, rows: 0 });
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ format, limit, options = {} }: { format: Format; limit: number; options?: Partial<FilterInput> }) => {
      controller.current?.abort();
      controller.current = new AbortController();
      setProgress({ bytes: 0, rows: 0 });
      const result = await downloadExport({ appId, query, format, limit, options, signal: controller.current.signal, onProgress: setProgress });
      saveBlob(result.blob, result.filename);
      return { filename: result.filename, meta: result.meta, format, unit: options.unit };
    },
  });
  return { ...mutation, progress, cancel: () => controller.current?.abort() };
}
