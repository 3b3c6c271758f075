// Snippet extraction: what the heap simulator runs for a cursor position.
export { extractSnippet, argumentsFor, valueForAnnotation, type Snippet, type SnippetAction, type ArgumentSpec } from './extract-snippet';
