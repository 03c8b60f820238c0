import { LanternPlatformModule } from '@lantern/platform';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { Module } from '@nestjs/common';
import { AddItemHandler } from './campaigns/add-item/add-item.handler';
import { AddItemHttpController } from './campaigns/add-item/add-item.http.controller';
import { AddManagerHandler } from './campaigns/add-manager/add-manager.handler';
import { AddManagerHttpController } from './campaigns/add-manager/add-manager.http.controller';
import { ListManagersHttpController } from './campaigns/list-managers/list-managers.http.controller';
import { RemoveManagerHandler } from './campaigns/remove-manager/remove-manager.handler';
import { RemoveManagerHttpController } from './campaigns/remove-manager/remove-manager.http.controller';
import { CampaignRepository } from './campaigns/campaign.repository';
import { CampaignLifecycleHandler } from './campaigns/campaign-lifecycle/campaign-lifecycle.handler';
import { CampaignLifecycleHttpController } from './campaigns/campaign-lifecycle/campaign-lifecycle.http.controller';
import { CreateCampaignHandler } from './campaigns/create-campaign/create-campaign.handler';
import { CreateCampaignHttpController } from './campaigns/create-campaign/create-campaign.http.controller';
import { DisclosureHttpController } from './campaigns/disclosure/disclosure.http.controller';
import { DisburseFundsHandler } from './campaigns/disburse-funds/disburse-funds.handler';
import { DisburseFundsHttpController } from './campaigns/disburse-funds/disburse-funds.http.controller';
import { FundedOrderCompletedMessageController } from './campaigns/funded-visits/funded-order-completed.message.controller';
import { GetCampaignHttpController } from './campaigns/get-campaign/get-campaign.http.controller';
import { CampaignViewProjector } from './campaigns/list-campaigns/campaign-view.projector';
import { ListCampaignsHttpController } from './campaigns/list-campaigns/list-campaigns.http.controller';
import { LedgerHttpController } from './campaigns/public-ledger/ledger.http.controller';
import { ReportHttpController } from './campaigns/public-report/report.http.controller';
import { RecordCorrectionHandler } from './campaigns/record-correction/record-correction.handler';
import { RecordCorrectionHttpController } from './campaigns/record-correction/record-correction.http.controller';
import { RecordRefundHandler } from './campaigns/record-refund/record-refund.handler';
import { RecordRefundHttpController } from './campaigns/record-refund/record-refund.http.controller';
import { RecordSaleHandler } from './campaigns/record-sale/record-sale.handler';
import { RecordSaleHttpController } from './campaigns/record-sale/record-sale.http.controller';
import { RestockItemHandler } from './campaigns/restock-item/restock-item.handler';
import { RestockItemHttpController } from './campaigns/restock-item/restock-item.http.controller';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';

export const CHARITY_SALES_SERVICE = {
  service: 'charity-sales',
  description: 'Charity-sale campaigns, items and stock, sales and refunds, the public ledger and disbursements that fund visits.',
  // Nothing waits on its reactions within a second (CONSUMER_FETCH_MIN_BYTES).
  defaults: { PORT: '3004', CONSUMER_FETCH_MIN_BYTES: '65536' },
};

@Module({
  imports: [LanternPlatformModule.forService(CHARITY_SALES_SERVICE)],
  controllers: [
    ListCampaignsHttpController,
    CreateCampaignHttpController,
    GetCampaignHttpController,
    CampaignLifecycleHttpController,
    AddManagerHttpController,
    ListManagersHttpController,
    RemoveManagerHttpController,
    AddItemHttpController,
    RestockItemHttpController,
    RecordSaleHttpController,
    RecordRefundHttpController,
    RecordCorrectionHttpController,
    DisburseFundsHttpController,
    ReportHttpController,
    LedgerHttpController,
    DisclosureHttpController,
    CampaignViewProjector,
    FundedOrderCompletedMessageController,
    PrivacyRequestMessageController,
  ],
  providers: [
    CampaignRepository,
    CreateCampaignHandler,
    CampaignLifecycleHandler,
    AddManagerHandler,
    RemoveManagerHandler,
    AddItemHandler,
    RestockItemHandler,
    RecordSaleHandler,
    RecordRefundHandler,
    RecordCorrectionHandler,
    DisburseFundsHandler,
    AnswerPrivacyRequestHandler,
    { provide: PRIVACY_REQUEST_ANSWERER, useExisting: AnswerPrivacyRequestHandler },
  ],
})
export class CharitySalesModule {}
