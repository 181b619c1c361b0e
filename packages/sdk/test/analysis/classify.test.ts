import { describe, expect, it } from 'vitest';
import {
  classifyActionOrientation,
  classifyComplexity,
  classifyIntent,
  classifyResponseMatch,
} from '../../src/analysis/classify.js';
import { analyzeAnswer, answerAnalysisColumns } from '../../src/analysis/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';

const client: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: [],
  competitors: [
    { name: 'Mailchimp', domain: 'mailchimp.com', aliases: [] },
    { name: 'Klaviyo', domain: 'klaviyo.com', aliases: [] },
    { name: 'HubSpot', domain: 'hubspot.com', aliases: [] },
  ],
  keywords: [],
};

describe('deterministic classifications', () => {
  it.each([
    ['Brevo vs Mailchimp', 'comparison'],
    ['best email marketing software', 'recommendation_request'],
    ['how much does Brevo cost', 'pricing'],
    ['Brevo reviews', 'review'],
    ['how to set up DKIM', 'how_to'],
    ['what is email marketing', 'definition'],
    ['emails not working after DNS change', 'troubleshooting'],
    ['history of email', 'informational'],
  ])('%s → %s', (query, intent) => {
    expect(classifyIntent(query)).toBe(intent);
  });

  it('grades complexity, response match and action orientation', () => {
    expect(classifyComplexity('best CRM')).toBe('simple');
    expect(
      classifyComplexity(
        'best CRM for a remote team of ten with a built-in dialer and email sequences under $50',
      ),
    ).toBe('complex');
    expect(
      classifyResponseMatch('best email marketing software', null, 'The best email marketing software is...'),
    ).toBe('direct');
    expect(
      classifyResponseMatch('best email marketing software', null, "I'm unable to help with that."),
    ).toBe('none');
    expect(classifyActionOrientation('Sign up today, try the free plan and book a demo.')).toBe('high');
    expect(classifyActionOrientation('Email is old.')).toBe('low');
  });

  it('fills every legacy classification column of a result row', () => {
    const a = analyzeAnswer(
      {
        query: { id: 'q', text: 'best email marketing software for small business' },
        answer: '1. Mailchimp\n2. Brevo\n3. Klaviyo\n\nConsider HubSpot too.',
        citations: [],
      },
      client,
    );
    const cols = answerAnalysisColumns(a);
    expect(cols).toMatchObject({
      query_type: 'commercial',
      query_intent: 'recommendation_request',
      funnel_stage: 'consideration',
      response_outcome: 'recommendation',
      query_competition: 'high',
      action_orientation: 'medium',
      brand_list_rank: 2,
      brand_rank: 2,
      branded_query: false,
    });
  });

  it('keeps a query intent given with the query', () => {
    const a = analyzeAnswer(
      { query: { id: 'q', text: 'email', intent: 'custom_intent' }, answer: 'x', citations: [] },
      client,
    );
    expect(a.classification.queryIntent).toBe('custom_intent');
  });
});
