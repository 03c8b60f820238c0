import { AggregateRepository, Decide, EventStore, existing, Loaded, upsertById } from '@lantern/event-store';
import { forbidden, MONGO_CONNECTION, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { PersonKeys } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { DisbursementLink, disbursementLinkModel } from './disbursement-link.model';
import { mayManage } from './domain/campaign-ownership';
import { Campaign, campaignReducer, CampaignState } from './domain/campaign.state';
import { SalePrivate, salePrivateModel } from './sale-private.model';

/**
 * A campaign is one event stream (stream id = campaign id = Kafka key) holding its items, stock,
 * sales, ledger and disbursements. One stream on purpose: every decision that must not be
 * lost to a race — the last lantern, the last yuan of the balance — is taken against the whole
 * of it and arbitrated by the append's primary key.
 */
@Injectable()
export class CampaignRepository {
  private readonly streams: AggregateRepository<CampaignState>;
  private readonly salePrivate: Model<SalePrivate>;
  private readonly links: Model<DisbursementLink>;

  constructor(
    store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly personKeys: PersonKeys,
  ) {
    this.streams = new AggregateRepository(store, campaignReducer);
    this.salePrivate = salePrivateModel(connection);
    this.links = disbursementLinkModel(connection);
  }

  load(campaignId: string) {
    return this.streams.load(campaignId);
  }

  /** The campaign, or a 404 problem. */
  async loadExisting(campaignId: string): Promise<Loaded<Campaign>> {
    const { state, version, events } = await this.streams.load(campaignId);
    if (!state.exists) throw notFound(`Campaign ${campaignId}`);
    return { state, version, events };
  }

  execute(campaignId: string, decide: Decide<CampaignState>) {
    return this.streams.execute(campaignId, decide);
  }

  /** The campaign, or a 404 problem; a 403 problem when the caller does not manage it. */
  async loadManaged(principal: Principal, campaignId: string) {
    const loaded = await this.loadExisting(campaignId);
    checkManages(loaded.state, principal);
    return loaded;
  }

  /**
   * A management command: 404 for an unknown campaign, 403 for a caller who does not manage it,
   * checked on the same fold the decision is taken on — so a refused caller appends nothing.
   */
  async manage(principal: Principal, campaignId: string, decide: Decide<Campaign>) {
    const managed = await this.streams.execute(campaignId, (current, version) => {
      if (!current.exists) throw notFound(`Campaign ${campaignId}`);
      checkManages(current, principal);
      return decide(current, version);
    });
    return { ...managed, state: existing(managed.state, campaignId) };
  }

  /**
   * Idempotent: a retried sale writes the same document (and an abandoned one harms nobody). The
   * payment reference is sealed under the buyer's key when there is a buyer: their erasure makes
   * it unreadable while the sale, its amount and the ledger stay.
   */
  async savePrivate(saleId: string, campaignId: string, details: { paymentRef: string | null; buyerRef: string | null }): Promise<void> {
    const { buyerRef } = details;
    const paymentRef = details.paymentRef !== null && buyerRef !== null ? await this.personKeys.seal(buyerRef, details.paymentRef) : details.paymentRef;
    await upsertById(this.salePrivate, saleId, { $setOnInsert: { campaignId, buyerRef, paymentRef, createdAt: new Date() } });
  }

  /**
   * The sales a buyer made, with their payment references opened. A scan of `sale_private` by
   * buyer (FerretDB reads the collection): once per privacy request, never on a sale's path.
   */
  async salesOf(buyerRef: string): Promise<SalePrivate[]> {
    const sales = await this.salePrivate.find({ buyerRef }).lean<SalePrivate[]>();
    return Promise.all(sales.map(async (sale) => ({ ...sale, paymentRef: await this.personKeys.open(buyerRef, sale.paymentRef) })));
  }

  /** Erasure: the buyer's key goes (their payment references are unreadable) and so does the link from their id to each sale. */
  async forgetBuyer(buyerRef: string, saleIds: string[]): Promise<void> {
    await this.personKeys.erase(buyerRef);
    for (const saleId of saleIds) await this.salePrivate.updateOne({ _id: saleId }, { $set: { buyerRef: null } });
  }

  /** A refused sale keeps nobody's payment details. */
  async forgetPrivate(saleId: string): Promise<void> {
    await this.salePrivate.deleteOne({ _id: saleId });
  }

  /** Written before the disbursement is appended, so a completed funded order always finds its campaign. */
  async linkDisbursement(disbursementId: string, campaignId: string): Promise<void> {
    await upsertById(this.links, disbursementId, { $setOnInsert: { campaignId } });
  }

  /** A refused disbursement leads nowhere. */
  async unlinkDisbursement(disbursementId: string): Promise<void> {
    await this.links.deleteOne({ _id: disbursementId });
  }

  async campaignOfDisbursement(disbursementId: string): Promise<string | null> {
    return (await this.links.findById(disbursementId).lean<DisbursementLink>())?.campaignId ?? null;
  }
}

function checkManages(campaign: Campaign, principal: Principal): void {
  if (!mayManage(campaign, principal)) throw forbidden(`Only the managers of campaign ${campaign.id} (or an admin) may do this`);
}
