import type * as z from 'zod/mini';
import {
  array,
  boolean,
  email,
  enum as enumOf,
  iso,
  literal,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  overwrite,
  regex,
  strictObject,
  string,
  superRefine,
  trim,
  union,
} from 'zod/mini';
import { type Contract, type ContractZod, defineContract } from './contract.js';

/** The `zod/mini` functions the contract uses, imported by name so that bundles keep nothing else. */
export const contractZod: ContractZod = {
  array,
  boolean,
  email,
  enum: enumOf,
  iso: { datetime: iso.datetime },
  literal,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  overwrite,
  regex,
  strictObject,
  string,
  superRefine,
  trim,
  union,
};

/**
 * The API contract as `zod/mini` schemas: what browsers (widget, extension) import to validate forms
 * and parse responses. A bundle that does not use it drops it (the call is marked pure); the widget
 * builds its own copy lazily from {@link contractZod}.
 */
export const contract: Contract = /* @__PURE__ */ defineContract(contractZod);

type Out<K extends keyof Contract> = z.output<Contract[K]>;

export type ServiceTypeValue = Out<'ServiceType'>;
export type Channel = Out<'Channel'>;
export type SubmissionRoute = Out<'SubmissionRoute'>;
export type RefusalReason = Out<'RefusalReason'>;
export type UpgradePath = Out<'UpgradePath'>;
export type CaseStatus = Out<'CaseStatus'>;
export type SlaState = Out<'SlaState'>;
export type SupportHolidayDto = Out<'SupportHoliday'>;
export type SubscriptionTerms = Out<'SubscriptionTerms'>;
export type Entitlement = Out<'Entitlement'>;
export type IncidentDraft = Out<'IncidentDraft'>;
export type SlaStatusDto = Out<'SlaStatus'>;
export type Attachment = Out<'Attachment'>;
export type Comment = Out<'Comment'>;
export type CommentDraft = Out<'CommentDraft'>;
export type Case = Out<'Case'>;
export type CaseListPage = Out<'CaseListPage'>;
export type Subscription = Out<'Subscription'>;
export type Me = Out<'Me'>;
export type SupportCalendar = Out<'SupportCalendar'>;
export type KbArticle = Out<'KbArticle'>;
export type KbSearchResults = Out<'KbSearchResults'>;
export type KbVoteRequest = Out<'KbVoteRequest'>;
export type KbVote = Out<'KbVote'>;
export type KbVoteCounts = Out<'KbVoteCounts'>;
export type PurchaseRequest = Out<'PurchaseRequest'>;
export type ClientToken = Out<'ClientToken'>;
export type Transaction = Out<'Transaction'>;
export type Purchase = Out<'Purchase'>;
export type Cancellation = Out<'Cancellation'>;
export type CancellationNoticeDto = Out<'CancellationNotice'>;
export type Charge = Out<'Charge'>;
export type BillingHistory = Out<'BillingHistory'>;
export type AgentCaseUpdate = Out<'AgentCaseUpdate'>;
export type CaseFeedback = Out<'CaseFeedback'>;
export type CaseFeedbackDraft = Out<'CaseFeedbackDraft'>;
export type AgentFeedbackList = Out<'AgentFeedbackList'>;
export type Problem = Out<'Problem'>;
export type PersonalTokenRequest = Out<'PersonalTokenRequest'>;
export type PersonalToken = Out<'PersonalToken'>;
export type NewPersonalToken = Out<'NewPersonalToken'>;
export type PersonalTokenList = Out<'PersonalTokenList'>;
