"use client";
// The span detail: a side panel over the table with the trace's spans (click to switch), the span's
// input and output as chat, its tool calls, the tools it was offered, scores and metadata. Loading,
// error and "gone" states are designed rather than blank.
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { EmptyState, Notice, Spinner } from "@/components/ui/feedback";
import { describeError } from "@/lib/client/api-error";
import { useTraceDetail } from "@/lib/client/use-traces";
import type { SpanDetail } from "@/lib/client/types";
import { ChatMessages, ToolCallView } from "./chat-messages";
import { readToolCalls } from "./chat-content";
import { TYPE_TONE } from "./format";
import { MetadataList, ScoresTable, SpanSummary } from "./span-facts";
import { SpanTree } from "./span-tree";
import { readToolDefinitions, ToolDefinitionView } from "./tool-definitions";

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="flex flex-col gap-2 border-t border-slate-100 px-4 py-3" data-testid={testId} aria-label={title}>
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function SpanBody({ span }: { span: SpanDetail }) {
  const toolCalls = readToolCalls(span.tool_calls);
  const tools = readToolDefinitions(span.tools);
  return (
    <>
      <div className="px-4 py-3">
        <SpanSummary span={span} />
        {span.status === "STATUS_CODE_ERROR" && span.status_message ? (
          <Notice tone="error" title="Error" className="mt-3">
            {span.status_message}
          </Notice>
        ) : null}
      </div>
      <Section title="Input" testId="detail-input">
        <ChatMessages value={span.input} emptyText="No input recorded." />
      </Section>
      <Section title="Output" testId="detail-output">
        <ChatMessages value={span.output} asRole="assistant" emptyText="No output recorded." />
      </Section>
      {toolCalls.length ? (
        <Section title={`Tool calls (${toolCalls.length})`}>
          {toolCalls.map((c, i) => (
            <ToolCallView key={c.id ?? i} call={c} />
          ))}
        </Section>
      ) : null}
      {tools.length ? (
        <Section title={`Tools offered (${tools.length})`} testId="detail-tools">
          {tools.map((t, i) => (
            <ToolDefinitionView key={`${t.name}-${i}`} tool={t} />
          ))}
        </Section>
      ) : null}
      <Section title="Scores">
        <ScoresTable span={span} />
      </Section>
      <Section title="Metadata">
        <MetadataList span={span} />
      </Section>
    </>
  );
}

export function TraceDetailPanel({
  appId,
  traceId,
  spanId,
  onSelectSpan,
  onClose,
}: {
  appId: string;
  traceId: string;
  spanId: string | undefined;
  onSelectSpan: (spanId: string) => void;
  onClose: () => void;
}) {
  const detail = useTraceDetail(appId, traceId);
  const spans = detail.data?.spans ?? [];
  const span = spans.find((s) => s.span_id === spanId) ?? spans[0];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Escape inside an open dialog belongs to the dialog.
      if (e.key === "Escape" && !document.querySelector("dialog[open]")) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <aside
      aria-label="Span detail"
      data-testid="detail-panel"
      className="fixed inset-y-0 right-0 z-30 flex w-full max-w-3xl flex-col border-l border-slate-200 bg-slate-50 shadow-2xl"
    >
      <header className="flex items-start gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            {span ? <Chip tone={TYPE_TONE[span.type] ?? "slate"}>{span.type}</Chip> : null}
            <h2 className="truncate text-base font-semibold" data-testid="detail-title">
              {span?.span_name ?? "Span"}
            </h2>
          </div>
          <p className="mt-0.5 truncate font-mono text-[11px] text-slate-500">
            trace {traceId}
            {span ? ` · span ${span.span_id}` : ""}
          </p>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close detail">
          Close ✕
        </Button>
      </header>
      <div className="flex-1 overflow-y-auto">
        {detail.isPending ? (
          <EmptyState icon={<Spinner className="size-6" label="Loading trace" />} title="Loading trace…" />
        ) : detail.isError ? (
          <div className="p-4">
            <Notice tone="error" title="Could not load this trace" action={<Button size="sm" onClick={() => detail.refetch()}>Retry</Button>}>
              {describeError(detail.error)}
            </Notice>
          </div>
        ) : !span ? (
          <EmptyState title="This trace has no spans">It may have been deleted since the table was loaded.</EmptyState>
        ) : (
          <>
            {spans.length > 1 ? (
              <div className="border-b border-slate-200 bg-white px-2">
                <p className="px-2 pt-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Trace · {spans.length} spans</p>
                <SpanTree spans={spans} selected={span.span_id} onSelect={onSelectSpan} />
              </div>
            ) : null}
            <div className="bg-white">
              <SpanBody span={span} />
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
