// DatetimeBasedCursor, for reads that start from the configured start date: its windows
// (start_datetime .. end_datetime by `step`, each ending one cursor_granularity before the next
// starts), each a cursor slice { start_time, end_time } formatted with datetime_format and
// injected by start_time_option / end_time_option. A check uses the first window only; a read
// walks them in order. No state is kept between reads (incremental sync is Airbyte's job).
import { ConfigValueError, ManifestError } from "./errors.ts";
import { addDuration, formatPythonDate, parsePythonDate } from "./datetime-format.ts";
import { configFieldsOf } from "./config-fields.ts";
import { emptyParts, RequestOption, type RequestParts } from "./request-option.ts";
import type { Templates } from "./templates.ts";

export interface CursorWindow {
  cursor: Record<string, unknown>;
  parts: RequestParts;
}

const DEFAULT_FORMAT = "%Y-%m-%dT%H:%M:%S.%f%z";

export class DatetimeBasedCursor {
  private readonly format: string;
  private readonly startOption?: RequestOption;
  private readonly endOption?: RequestOption;

  constructor(
    private readonly model: Record<string, any>,
    private readonly templates: Templates,
    private readonly at: string,
    private readonly now: () => Date,
  ) {
    this.format = model.datetime_format ? String(model.datetime_format) : DEFAULT_FORMAT;
    if (!model.start_datetime) throw new ManifestError("DatetimeBasedCursor needs start_datetime", at);
    if (model.start_time_option) this.startOption = new RequestOption(model.start_time_option, templates, `${at}/start_time_option`);
    if (model.end_time_option) this.endOption = new RequestOption(model.end_time_option, templates, `${at}/end_time_option`);
  }

  /** A MinMaxDatetime (or a bare template) as an instant, clamped to its min and max. */
  private instant(spec: unknown, name: string): Date {
    const model = spec && typeof spec === "object" ? (spec as Record<string, any>) : { datetime: spec };
    const format = model.datetime_format ? String(model.datetime_format) : this.format;
    const templates = this.templates.with(model.$parameters ?? this.model.$parameters);
    const read = (template: unknown): Date | undefined => {
      if (template === undefined || template === null || template === "") return undefined;
      const text = templates.text(template);
      // The format first (as the CDK); an ISO 8601 text still reads when the format does not fit.
      const date = parsePythonDate(text, format) ?? (Number.isNaN(Date.parse(text)) ? undefined : new Date(Date.parse(text)));
      if (!date) throw new ConfigValueError(`The ${name} date "${text}" does not match the format ${format}.`, configFieldsOf(template));
      return date;
    };
    let date = read(model.datetime)!;
    const min = read(model.min_datetime);
    const max = read(model.max_datetime);
    if (min && date < min) date = min;
    if (max && date > max) date = max;
    return date;
  }

  /** An ISO 8601 duration template, checked once (a bad one is the settings' fault when it reads them). */
  private duration(template: unknown, name: string): string | undefined {
    if (!template) return undefined;
    const text = this.templates.text(template);
    try {
      addDuration(new Date(0), text);
    } catch {
      const fields = configFieldsOf(template);
      if (fields.length > 0) throw new ConfigValueError(`The ${name} "${text}" made from the settings is not an ISO 8601 duration.`, fields);
      throw new ManifestError(`${name} "${text}" is not an ISO 8601 duration`, this.at);
    }
    return text;
  }

  private fields(): { start: string; end: string } {
    return {
      start: this.model.partition_field_start ? this.templates.text(this.model.partition_field_start) : "start_time",
      end: this.model.partition_field_end ? this.templates.text(this.model.partition_field_end) : "end_time",
    };
  }

  *windows(): Generator<CursorWindow> {
    const start = this.instant(this.model.start_datetime, "start");
    const end = this.model.end_datetime ? this.instant(this.model.end_datetime, "end") : this.now();
    const step = this.duration(this.model.step, "step");
    const granularity = this.duration(this.model.cursor_granularity, "cursor granularity");
    const names = this.fields();
    let from = start;
    // Within bounds as the CDK: start <= end with a granularity, start < end without.
    while (granularity ? from <= end : from < end) {
      const next = step ? addDuration(from, step) : new Date(Math.max(end.getTime(), from.getTime()) + 1);
      if (next <= from) throw new ManifestError(`step ${step} does not move the window forward`, this.at);
      const windowEnd = new Date(Math.min(granularity ? addDuration(next, granularity, -1).getTime() : next.getTime(), end.getTime()));
      const cursor = { [names.start]: formatPythonDate(from, this.format), [names.end]: formatPythonDate(windowEnd, this.format) };
      const parts = emptyParts();
      this.startOption?.inject(parts, cursor[names.start]);
      this.endOption?.inject(parts, cursor[names.end]);
      yield { cursor, parts };
      if (!step) return;
      from = next;
    }
  }
}
