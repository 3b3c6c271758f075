// Measure with Python: the snippet the model runs, run in a real interpreter, side by side with the model.
export { measureSnippet, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIMEOUT_SECONDS, type MeasureReport, type MeasureRequest, type MeasuredRow, type MeasureError } from './measure-snippet';
export { formatMeasureMarkdown, formatMeasureText } from './format-measure';
