export {
  type GeneratedQuery,
  type GenerateQueriesOptions,
  type GenerationProfile,
  generateQueries,
  generateQueriesOptionsSchema,
  type QueryCategory,
  type QueryGenerationResult,
  templateQueries,
} from './generate-queries.js';
export { DEFAULT_INTENTS, DEFAULT_TEMPLATES } from './templates.js';
